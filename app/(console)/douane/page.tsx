import Link from "next/link";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { QueueTable } from "@/components/douane/QueueTable";
import { ButtonLink, buttonClass } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { ListSummary } from "@/components/ui/ListSummary";
import { FilterSelect } from "@/components/ui/FilterSelect";
import { Pagination } from "@/components/ui/Pagination";
import { requireCustomsAgent } from "@/lib/auth/session";
import { listRequestQueue } from "@/lib/habilitations/data";
import { QUEUE_STATE_BY_SLUG, queueQuerySchema } from "@/lib/habilitations/schema";

export const metadata = { title: "Douane — demandes d'habilitation" };

const STATE_OPTIONS = [
  ["en-attente", "En attente de décision"],
  ["acceptee", "Acceptées"],
  ["partielle", "Partiellement acceptées"],
  ["refusee", "Refusées"],
  ["retiree", "Retirées"],
  ["toutes", "Toutes"],
] as const;

export default async function CustomsQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireCustomsAgent();
  const raw = await searchParams;
  const query = queueQuerySchema.parse({ etat: raw.etat, api: raw.api, siret: raw.siret, page: raw.page });
  const etat = query.etat ?? "en-attente";
  const list = await listRequestQueue(actor, { status: QUEUE_STATE_BY_SLUG[etat], api: query.api, siret: query.siret, page: query.page });
  const filtered = etat !== "en-attente" || Boolean(query.api || query.siret);
  const hrefFor = (page: number) => {
    const params = new URLSearchParams();
    if (query.etat) params.set("etat", query.etat);
    if (query.api) params.set("api", query.api);
    if (query.siret) params.set("siret", query.siret);
    if (page > 1) params.set("page", String(page));
    const s = params.toString();
    return s ? `/douane?${s}` : "/douane";
  };

  const exportParams = new URLSearchParams();
  if (query.etat) exportParams.set("etat", query.etat);
  if (query.api) exportParams.set("api", query.api);
  if (query.siret) exportParams.set("siret", query.siret);
  const exportHref = exportParams.size > 0 ? `/douane/export?${exportParams}` : "/douane/export";

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Douane" }]}
        title="Demandes d'habilitation"
        actions={
          <>
            <ButtonLink href="/douane/courriels" variant="secondary">
              Courriels en échec
            </ButtonLink>
            <ButtonLink href="/douane/catalogue" variant="secondary">
              Catalogue des API
            </ButtonLink>
          </>
        }
      >
        <p className="text-muted">
          Service de certification : {list.pendingCount} demande{list.pendingCount > 1 ? "s" : ""} en attente de décision. Les plus
          anciennes sont en tête.
        </p>
      </PageHeader>

      <form role="search" method="get" action="/douane" className="mb-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="etat" className="block text-sm font-medium">
            État
          </label>
          <select id="etat" name="etat" defaultValue={etat} className={`${inputClass} mt-1`}>
            {STATE_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <FilterSelect name="api" label="API" value={query.api} allLabel="Toutes" options={list.apis.map((a) => [a.code, a.name] as const)} />
        <div>
          <label htmlFor="siret" className="block text-sm font-medium">
            SIRET
          </label>
          <input id="siret" name="siret" inputMode="numeric" defaultValue={query.siret ?? ""} maxLength={20} className={`${inputClass} mt-1`} />
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Filtrer
        </button>
        {filtered && (
          <Link href="/douane" className="py-2 text-sm text-marianne underline">
            Revenir aux demandes en attente
          </Link>
        )}
      </form>

      <ListSummary total={list.total} page={list.page} pageCount={list.pageCount} noun={{ none: "Aucune demande", one: "demande", many: "demandes" }} exportHref={exportHref} />
      {list.total === 0 ? (
        <div className="border border-dashed border-line p-8 text-center">
          <p className="text-lg font-semibold">{filtered ? "Aucune demande ne correspond à ces filtres" : "Aucune demande en attente"}</p>
          <p className="mt-2 text-muted">
            Les demandes d&apos;habilitation déposées par les correspondants entreprise apparaissent ici, les plus anciennes d&apos;abord.
          </p>
        </div>
      ) : (
        <>
          <QueueTable rows={list.rows} />
          <Pagination page={list.page} pageCount={list.pageCount} hrefFor={hrefFor} />
        </>
      )}
    </>
  );
}
