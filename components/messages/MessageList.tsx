import type { MessageRow } from "@/lib/notifications/data";
import { NOTIFICATION_KIND_LABELS, type NotificationKind } from "@/lib/notifications/templates";
import { formatDateTime } from "@/lib/format";
import { formatSiret } from "@/lib/siret";
import Link from "next/link";
import { MessageDetails } from "./MessageDetails";

function delivery(m: MessageRow, smtpConfigured: boolean): { text: string; tone: string } {
  if (m.status === "SENT" && m.sentAt) return { text: `Envoyé par email le ${formatDateTime(m.sentAt)}`, tone: "text-vert" };
  if (m.status === "FAILED") return { text: `Échec de l'envoi par email après ${m.attempts} essais : ${m.sendError ?? "erreur inconnue"} (la douane peut le renvoyer)`, tone: "text-rouge" };
  if (m.status === "HELD") return { text: "Message de scénario de formation : jamais envoyé par email", tone: "text-muted" };
  if (!smtpConfigured) return { text: "Consultable ici uniquement (aucun serveur d'envoi configuré)", tone: "text-muted" };
  if (m.sendError) return { text: `Envoi par email en attente d'un nouvel essai (${m.attempts} essai${m.attempts > 1 ? "s" : ""}) : ${m.sendError}`, tone: "text-rouge" };
  return { text: "Envoi par email en cours", tone: "text-muted" };
}

/** The outbox, newest first; each message opens on its plain-text version. */
export function MessageList({ rows, smtpConfigured }: { rows: MessageRow[]; smtpConfigured: boolean }) {
  return (
    <ol className="divide-y divide-line border-y border-line">
      {rows.map((m) => {
        const d = delivery(m, smtpConfigured);
        return (
          <li key={m.id} data-testid="message" data-kind={m.kind}>
            <MessageDetails
              id={m.id}
              read={m.read}
              summary={
                <>
                  <time dateTime={m.createdAt.toISOString()} className="w-44 shrink-0 text-sm text-muted">
                    {formatDateTime(m.createdAt)}
                  </time>
                  <span className="rounded bg-surface px-2 py-0.5 text-xs font-semibold">
                    {NOTIFICATION_KIND_LABELS[m.kind as NotificationKind] ?? m.kind}
                  </span>
                  <span className={m.read ? "" : "font-bold"}>{m.subject}</span>
                </>
              }
            >
              <div className="mt-3 space-y-2 pl-4 text-sm">
                <p>
                  <span className="text-muted">À : </span>
                  {m.recipients}
                </p>
                {m.siret && (
                  <p>
                    <span className="text-muted">SIRET : </span>
                    <span className="font-mono">{formatSiret(m.siret)}</span>
                  </p>
                )}
                {m.account && (
                  <p>
                    <Link href={`/comptes-api/${m.account.id}`} className="text-marianne underline">
                      Voir le compte {m.account.identifiant}
                    </Link>
                  </p>
                )}
                <p className={d.tone}>{d.text}</p>
                <pre className="whitespace-pre-wrap border-l-4 border-line bg-surface p-3 font-sans">{m.text}</pre>
              </div>
            </MessageDetails>
          </li>
        );
      })}
    </ol>
  );
}
