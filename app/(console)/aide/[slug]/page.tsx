import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { HelpBlocks } from "@/components/help/HelpBlocks";
import { requireUser } from "@/lib/auth/session";
import { helpTopics } from "@/lib/help/topics";

export default async function HelpTopicPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireUser();
  const { slug } = await params;
  const topics = helpTopics();
  const topic = topics.find((t) => t.slug === slug);
  if (!topic) notFound();
  const sections = topic.blocks.filter((b): b is Extract<typeof b, { kind: "h" }> => b.kind === "h" && Boolean(b.id));
  return (
    <>
      <PageHeader crumbs={[{ label: "Aide", href: "/aide" }, { label: topic.title }]} title={topic.title}>
        <p className="max-w-3xl text-muted">{topic.summary}</p>
      </PageHeader>
      <div className="grid gap-8 lg:grid-cols-[1fr_16rem]">
        <article className="max-w-3xl">
          <HelpBlocks blocks={topic.blocks} />
        </article>
        <aside className="space-y-6 text-sm">
          {sections.length > 0 && (
            <nav aria-label="Dans cette page">
              <p className="font-semibold">Dans cette page</p>
              <ul className="mt-2 space-y-1">
                {sections.map((s) => (
                  <li key={s.id}>
                    <a href={`#${s.id}`} className="text-marianne underline">
                      {s.text}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <nav aria-label="Autres sujets d'aide">
            <p className="font-semibold">Autres sujets</p>
            <ul className="mt-2 space-y-1">
              {topics
                .filter((t) => t.slug !== topic.slug)
                .map((t) => (
                  <li key={t.slug}>
                    <Link href={`/aide/${t.slug}`} className="text-marianne underline">
                      {t.title}
                    </Link>
                  </li>
                ))}
            </ul>
          </nav>
        </aside>
      </div>
    </>
  );
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return { title: helpTopics().find((t) => t.slug === slug)?.title ?? "Aide" };
}
