import Link from "next/link";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { MessageList } from "@/components/messages/MessageList";
import { MarkAllReadButton } from "@/components/messages/MessageDetails";
import { buttonClass } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { Pagination } from "@/components/ui/Pagination";
import { requireUser } from "@/lib/auth/session";
import { listMessages } from "@/lib/notifications/data";
import { formatSiret } from "@/lib/siret";

export const metadata = { title: "Messages" };

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser();
  const raw = await searchParams;
  const page = Number(typeof raw.page === "string" ? raw.page : 1) || 1;
  const siret = typeof raw.siret === "string" ? raw.siret.replace(/\s+/g, "").slice(0, 14) : undefined;
  const list = await listMessages(actor, { page, siret });
  const hrefFor = (p: number) => {
    const params = new URLSearchParams();
    if (list.siret) params.set("siret", list.siret);
    if (p > 1) params.set("page", String(p));
    const s = params.toString();
    return s ? `/messages?${s}` : "/messages";
  };
  return (
    <>
      <PageHeader crumbs={[{ label: "Messages" }]} title="Messages">
        <p className="max-w-3xl text-muted">
          Les notifications envoyées au sujet des comptes API de vos SIRET (à l&apos;email du compte et à ses correspondants) : demandes,
          décisions de la douane, changements de mot de passe, d&apos;email et d&apos;url.{" "}
          {list.smtpConfigured ? "Elles partent aussi par email." : "Aucun serveur d'envoi n'est configuré : elles ne sont consultables qu'ici."}
        </p>
      </PageHeader>
      {list.sirets.length > 1 && (
        <form method="get" action="/messages" className="mb-6 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="siret" className="block text-sm font-medium">
              SIRET
            </label>
            <select id="siret" name="siret" defaultValue={list.siret ?? ""} className={`${inputClass} mt-1`}>
              <option value="">Tous mes SIRET</option>
              {list.sirets.map((s) => (
                <option key={s} value={s}>
                  {formatSiret(s)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass("secondary")}>
            Filtrer
          </button>
          {list.siret && (
            <Link href="/messages" className="py-2 text-sm text-marianne underline">
              Tous les SIRET
            </Link>
          )}
        </form>
      )}
      {list.total === 0 ? (
        <div className="border border-dashed border-line p-8 text-center">
          <p className="text-lg font-semibold">Aucun message</p>
          <p className="mt-2 text-muted">
            {list.sirets.length === 0
              ? "Les messages concernent les SIRET sur lesquels un correspondant est habilité ; vous n'en avez aucun."
              : "Les notifications apparaîtront ici dès qu'un événement concernera un compte API de vos SIRET."}
          </p>
        </div>
      ) : (
        <>
          <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-muted" data-testid="messages-count">
              {list.total} message{list.total > 1 ? "s" : ""}
              {list.unread > 0 ? `, dont ${list.unread} non lu${list.unread > 1 ? "s" : ""}` : ", tous lus"}
              {list.pageCount > 1 && ` — page ${list.page} sur ${list.pageCount}`}
            </p>
            <MarkAllReadButton unread={list.unread} />
          </div>
          <MessageList rows={list.rows} smtpConfigured={list.smtpConfigured} />
          <Pagination page={list.page} pageCount={list.pageCount} hrefFor={hrefFor} />
        </>
      )}
    </>
  );
}
