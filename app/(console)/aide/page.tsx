import Link from "next/link";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { buttonClass } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { requireUser } from "@/lib/auth/session";
import { searchHelp } from "@/lib/help/topics";

export const metadata = { title: "Aide" };

export default async function HelpPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await requireUser();
  const { q } = await searchParams;
  const query = typeof q === "string" ? q.slice(0, 100).trim() : "";
  const hits = searchHelp(query);
  return (
    <>
      <PageHeader crumbs={[{ label: "Aide" }]} title="Aide">
        <p className="max-w-3xl text-muted">
          Les règles des comptes API, des habilitations et des échanges OAuth 2.0 avec la douane, tirées du guide « Accès aux API
          Douane ».
        </p>
      </PageHeader>
      <form role="search" method="get" action="/aide" className="mb-6 flex max-w-3xl flex-wrap items-end gap-3">
        <div className="grow">
          <label htmlFor="q" className="block text-sm font-medium">
            Rechercher dans l&apos;aide
          </label>
          <input id="q" name="q" type="search" defaultValue={query} maxLength={100} className={`${inputClass} mt-1`} />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Rechercher
        </button>
      </form>
      {query && (
        <p className="mb-4 text-sm text-muted" aria-live="polite">
          {hits.length === 0 ? `Aucun sujet ne correspond à « ${query} ».` : `${hits.length} sujet${hits.length > 1 ? "s" : ""} pour « ${query} »`}
          {" — "}
          <Link href="/aide" className="underline">
            tous les sujets
          </Link>
        </p>
      )}
      <ul className="grid max-w-5xl gap-4 md:grid-cols-2">
        {hits.map(({ topic, excerpt }) => (
          <li key={topic.slug}>
            <Link href={`/aide/${topic.slug}`} className="block h-full border border-line border-b-4 border-b-marianne p-4 hover:bg-surface">
              <span className="font-bold text-marianne">{topic.title}</span>
              <span className="mt-1 block text-sm">{topic.summary}</span>
              {query && excerpt && <span className="mt-2 block text-xs text-muted">{excerpt}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
