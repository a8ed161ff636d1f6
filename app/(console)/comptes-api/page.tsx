import Link from "next/link";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { AccountsTable, type Sorting } from "@/components/accounts/AccountsTable";
import { Alert } from "@/components/ui/Alert";
import { ButtonLink, buttonClass } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { Pagination } from "@/components/ui/Pagination";
import { requireUser } from "@/lib/auth/session";
import { canManageAccounts } from "@/lib/authorization/policy";
import { listAccounts, missingFieldOptions } from "@/lib/accounts/data";
import { passwordMaxAgeDays } from "@/lib/accounts/password-reminders";
import { accountListHref, accountListQueryOf, listQuerySchema } from "@/lib/accounts/schema";
import { STATUS_LABELS, STATUS_SLUGS, type StatusLevel } from "@/lib/habilitations/status";

export const metadata = { title: "Liste des comptes API" };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireUser();
  const raw = await searchParams;
  const query = listQuerySchema.parse({
    q: raw.q,
    page: raw.page,
    statut: raw.statut,
    tri: raw.tri,
    ordre: raw.ordre,
    demande: raw.demande,
    url: raw.url,
    manque: raw.manque,
    mdp: raw.mdp,
  });
  const created = typeof raw.cree === "string" ? raw.cree.slice(0, 64) : null;
  const deleted = typeof raw.supprime === "string" ? raw.supprime.slice(0, 64) : null;
  const [list, missingOptions] = await Promise.all([listAccounts(actor, accountListQueryOf(query)), missingFieldOptions()]);
  const manage = canManageAccounts(actor);
  const filtered = Boolean(query.q || query.statut || query.demande || query.url || query.manque || query.mdp);
  const renewalOn = passwordMaxAgeDays() !== null;
  const hrefFor = (page: number) => accountListHref("/comptes-api", query, { page });
  const sorting: Sorting = {
    by: query.tri,
    direction: query.ordre ?? "asc",
    hrefFor: (tri, ordre) => accountListHref("/comptes-api", query, { tri, ordre, page: undefined }),
  };
  const exportHref = accountListHref("/comptes-api/export", query, { page: undefined });

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Comptes API" }]}
        title="Liste des comptes API"
        actions={manage ? <ButtonLink href="/comptes-api/nouveau">+ Ajouter un compte API</ButtonLink> : undefined}
      />
      {created && (
        <div className="mb-6">
          <Alert tone="success" title={`Le compte API « ${created} » a été créé.`}>
            Il n&apos;a encore aucune habilitation (statut rouge) : ouvrez-le pour demander ses habilitations à la douane.
          </Alert>
        </div>
      )}
      {deleted && (
        <div className="mb-6">
          <Alert tone="success" title={`Le compte API « ${deleted} » a été supprimé.`}>
            Ses jetons sont révoqués et ses habilitations ont pris fin. Le SIRET peut recevoir un nouveau compte API.
          </Alert>
        </div>
      )}
      {!manage && (
        <p className="mb-4 text-sm text-muted">Consultation seule : seuls les correspondants entreprise créent et modifient les comptes API.</p>
      )}

      <form role="search" method="get" action="/comptes-api" className="mb-6 flex flex-wrap items-end gap-3">
        <div className="grow">
          <label htmlFor="q" className="block text-sm font-medium">
            Rechercher (SIRET, identifiant ou email)
          </label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} className={`${inputClass} mt-1`} />
        </div>
        <div>
          <label htmlFor="statut" className="block text-sm font-medium">
            Statut
          </label>
          <select id="statut" name="statut" defaultValue={query.statut ?? ""} className={`${inputClass} mt-1`}>
            <option value="">Tous</option>
            {(Object.keys(STATUS_SLUGS) as StatusLevel[]).map((level) => (
              <option key={level} value={STATUS_SLUGS[level]}>
                {STATUS_LABELS[level]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="demande" className="block text-sm font-medium">
            Demande
          </label>
          <select id="demande" name="demande" defaultValue={query.demande ?? ""} className={`${inputClass} mt-1`}>
            <option value="">Toutes</option>
            <option value="en-attente">En attente de la douane</option>
          </select>
        </div>
        <div>
          <label htmlFor="url" className="block text-sm font-medium">
            url
          </label>
          <select id="url" name="url" defaultValue={query.url ?? ""} className={`${inputClass} mt-1`}>
            <option value="">Toutes</option>
            <option value="en-attente">Changement d&apos;url en attente</option>
            <option value="active">url active</option>
          </select>
        </div>
        <div>
          <label htmlFor="manque" className="block text-sm font-medium">
            Ce qui manque
          </label>
          <select id="manque" name="manque" defaultValue={query.manque ?? ""} className={`${inputClass} mt-1`}>
            <option value="">Indifférent</option>
            {missingOptions.map((f) => (
              <option key={f.key} value={f.key}>
                {f.label} à renseigner
              </option>
            ))}
          </select>
        </div>
        {renewalOn && (
          <div>
            <label htmlFor="mdp" className="block text-sm font-medium">
              Mot de passe
            </label>
            <select id="mdp" name="mdp" defaultValue={query.mdp ?? ""} className={`${inputClass} mt-1`}>
              <option value="">Indifférent</option>
              <option value="a-renouveler">À renouveler</option>
            </select>
          </div>
        )}
        {query.tri && <input type="hidden" name="tri" value={query.tri} />}
        {query.ordre && <input type="hidden" name="ordre" value={query.ordre} />}
        <button type="submit" className={buttonClass("secondary")}>
          Rechercher
        </button>
        {filtered && (
          <Link href={accountListHref("/comptes-api", { tri: query.tri, ordre: query.ordre })} className="py-2 text-sm text-marianne underline">
            Effacer les filtres
          </Link>
        )}
      </form>

      <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted" aria-live="polite">
          {list.total === 0 ? "Aucun compte" : `${list.total} compte${list.total > 1 ? "s" : ""} API`}
          {list.pageCount > 1 && ` — page ${list.page} sur ${list.pageCount}`}
        </p>
        {list.total > 0 && (
          <a href={exportHref} className={buttonClass("secondary")} download>
            Exporter en CSV
            <span className="sr-only"> ({list.total} compte{list.total > 1 ? "s" : ""}, filtres appliqués)</span>
          </a>
        )}
      </div>

      {list.total === 0 ? (
        filtered ? (
          <Alert title="Aucun compte ne correspond à votre recherche">
            Vérifiez le SIRET, l&apos;identifiant ou l&apos;email saisi, ou{" "}
            <Link href="/comptes-api" className="underline">
              affichez tous les comptes
            </Link>
            .
          </Alert>
        ) : (
          <div className="border border-dashed border-line p-8 text-center">
            <p className="text-lg font-semibold">Aucun compte API pour le moment</p>
            <p className="mx-auto mt-2 max-w-2xl text-muted">
              Un compte API est le compte technique qu&apos;utilise votre logiciel pour obtenir des jetons et appeler les API de
              la douane. Créez-en un par SIRET, puis demandez ses habilitations.
            </p>
            {manage && (
              <ButtonLink href="/comptes-api/nouveau" className="mt-4">
                + Ajouter un compte API
              </ButtonLink>
            )}
          </div>
        )
      ) : (
        <>
          <AccountsTable rows={list.rows} caption="Comptes API de vos SIRET" manage={manage} sorting={sorting} />
          <Pagination page={list.page} pageCount={list.pageCount} hrefFor={hrefFor} />
        </>
      )}
    </>
  );
}
