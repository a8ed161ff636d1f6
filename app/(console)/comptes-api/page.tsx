import Link from "next/link";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { AccountsTable, type Sorting } from "@/components/accounts/AccountsTable";
import { Alert } from "@/components/ui/Alert";
import { ButtonLink, buttonClass } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { ListSummary } from "@/components/ui/ListSummary";
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
        <FilterSelect
          name="statut"
          label="Statut"
          value={query.statut}
          allLabel="Tous"
          options={(Object.keys(STATUS_SLUGS) as StatusLevel[]).map((level) => [STATUS_SLUGS[level], STATUS_LABELS[level]] as const)}
        />
        <FilterSelect name="demande" label="Demande" value={query.demande} allLabel="Toutes" options={[["en-attente", "En attente de la douane"]]} />
        <FilterSelect
          name="url"
          label="url"
          value={query.url}
          allLabel="Toutes"
          options={[
            ["en-attente", "Changement d'url en attente"],
            ["active", "url active"],
          ]}
        />
        <FilterSelect name="manque" label="Ce qui manque" value={query.manque} allLabel="Indifférent" options={missingOptions.map((f) => [f.key, `${f.label} à renseigner`] as const)} />
        {renewalOn && <FilterSelect name="mdp" label="Mot de passe" value={query.mdp} allLabel="Indifférent" options={[["a-renouveler", "À renouveler"]]} />}
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

      <ListSummary total={list.total} page={list.page} pageCount={list.pageCount} noun={{ none: "Aucun compte", one: "compte API", many: "comptes API" }} exportHref={exportHref} />

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
