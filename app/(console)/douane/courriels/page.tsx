import { PageHeader } from "@/components/shell/Breadcrumb";
import { RetryMessageButton } from "@/components/messages/RetryMessageButton";
import { Pagination } from "@/components/ui/Pagination";
import { requireCustomsAgent } from "@/lib/auth/session";
import { listFailedMessages } from "@/lib/notifications/data";
import { MAX_ATTEMPTS } from "@/lib/notifications/relay";
import { formatDateTime } from "@/lib/format";
import { formatSiret } from "@/lib/siret";

export const metadata = { title: "Douane — courriels en échec" };

export default async function FailedMessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomsAgent();
  const raw = await searchParams;
  const page = Number(typeof raw.page === "string" ? raw.page : 1) || 1;
  const list = await listFailedMessages(actor, page);
  return (
    <>
      <PageHeader crumbs={[{ label: "Douane", href: "/douane" }, { label: "Courriels en échec" }]} title="Courriels en échec">
        <p className="max-w-3xl text-muted">
          Les notifications que le serveur d&apos;envoi a refusées {MAX_ATTEMPTS} fois de suite (nouvel essai après 30 s, 2 min, 10 min puis
          30 min). Corrigez la cause (adresse, serveur SMTP), puis renvoyez-les : chaque courriel part une seule fois.
          {!list.smtpConfigured && " Aucun serveur d'envoi n'est configuré sur cette console (SMTP_URL) : rien ne part par email."}
        </p>
      </PageHeader>
      {list.total === 0 ? (
        <div className="border border-dashed border-line p-8 text-center">
          <p className="text-lg font-semibold">Aucun courriel en échec</p>
          <p className="mt-2 text-muted">Les courriels que le serveur d&apos;envoi refuse durablement apparaîtront ici.</p>
        </div>
      ) : (
        <>
          <p className="mb-2 text-sm text-muted" aria-live="polite">
            {list.total} courriel{list.total > 1 ? "s" : ""} en échec{list.pageCount > 1 && ` — page ${list.page} sur ${list.pageCount}`}
          </p>
          <ol className="divide-y divide-line border-y border-line">
            {list.rows.map((m) => (
              <li key={m.id} data-testid="failed-message" className="flex flex-wrap items-start justify-between gap-4 py-3">
                <div className="min-w-0 space-y-1 text-sm">
                  <p className="font-semibold">{m.subject}</p>
                  <p className="text-muted">
                    Écrit le {formatDateTime(m.createdAt)} · {m.attempts} essai{m.attempts > 1 ? "s" : ""}
                    {m.siret ? ` · SIRET ${formatSiret(m.siret)}` : ""}
                  </p>
                  <p>
                    <span className="text-muted">À : </span>
                    {m.recipients}
                  </p>
                  {m.sendError && <p className="text-rouge">Dernière erreur : {m.sendError}</p>}
                </div>
                <RetryMessageButton messageId={m.id} subject={m.subject} />
              </li>
            ))}
          </ol>
          <Pagination page={list.page} pageCount={list.pageCount} hrefFor={(p) => (p > 1 ? `/douane/courriels?page=${p}` : "/douane/courriels")} />
        </>
      )}
    </>
  );
}
