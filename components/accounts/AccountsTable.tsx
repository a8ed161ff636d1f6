import Link from "next/link";
import { formatSiret } from "@/lib/siret";
import type { AccountListRow } from "@/lib/accounts/data";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ClickableRow } from "./ClickableRow";
import { StateLines } from "./StateLines";
import { HelpLink } from "@/components/help/HelpLink";
import { DataTable, type Column } from "@/components/ui/DataTable";

export type SortSlug = "hab" | "siret" | "identifiant" | "email";
export type Sorting = { by: SortSlug | undefined; direction: "asc" | "desc"; hrefFor: (by: SortSlug, direction: "asc" | "desc") => string };

/** A column header that sorts: a link (keyboard, new tab), the state said by aria-sort and the arrow. */
function SortHeader({ slug, label, sorting }: { slug: SortSlug; label: string; sorting: Sorting }) {
  const current = (sorting.by ?? "identifiant") === slug;
  const next = current && sorting.direction === "asc" ? "desc" : "asc";
  return (
    <Link href={sorting.hrefFor(slug, next)} className="inline-flex items-center gap-1 underline-offset-2 hover:underline" data-testid={`sort-${slug}`}>
      {label}
      <span aria-hidden="true" className={current ? "text-marianne" : "text-muted"}>
        {current ? (sorting.direction === "asc" ? "▲" : "▼") : "↕"}
      </span>
      <span className="sr-only">
        {current ? `, trié ${sorting.direction === "asc" ? "croissant" : "décroissant"} ; trier ${next === "asc" ? "croissant" : "décroissant"}` : ", trier"}
      </span>
    </Link>
  );
}

/** The column's name above a cell when rows are cards (narrow screens); screen readers have the header. */
function MobileLabel({ children }: { children: string }) {
  return (
    <span aria-hidden="true" className="block text-xs font-semibold text-muted sm:hidden">
      {children}
    </span>
  );
}

function columnsFor(sorting: Sorting): Column[] {
  const sortState = (slug: SortSlug) => ((sorting.by ?? "identifiant") === slug ? (sorting.direction === "asc" ? "ascending" : "descending") : "none");
  return [
    {
      key: "hab",
      sort: sortState("hab"),
      label: (
        <>
          <SortHeader slug="hab" label="Hab." sorting={sorting} />
          <HelpLink href="/aide/statuts" label="Aide : les statuts rouge, jaune et vert" />
        </>
      ),
    },
    { key: "siret", sort: sortState("siret"), label: <SortHeader slug="siret" label="SIRET" sorting={sorting} /> },
    { key: "identifiant", sort: sortState("identifiant"), label: <SortHeader slug="identifiant" label="Identifiant" sorting={sorting} /> },
    { key: "email", sort: sortState("email"), label: <SortHeader slug="email" label="Email" sorting={sorting} /> },
    "Actions",
  ];
}

/** `manage`: the reader may change the accounts (correspondents); others only see them. */
export function AccountsTable({ rows, caption, manage, sorting }: { rows: AccountListRow[]; caption: string; manage: boolean; sorting: Sorting }) {
  return (
    <DataTable caption={caption} minWidth="min-w-[720px]" columns={columnsFor(sorting)} stackOnMobile>
      {rows.map((r) => (
        <ClickableRow key={r.id} href={`/comptes-api/${r.id}`} className="border-t border-line align-top">
          <td className="px-3 py-3">
            <StatusBadge status={r.status} showMissing />
            <StateLines lines={r.stateLines} />
          </td>
          <td className="px-3 py-3">
            <MobileLabel>SIRET</MobileLabel>
            <span className="font-mono tabular-nums">{formatSiret(r.siret)}</span>
            <span className="block text-xs text-muted">{r.companyName}</span>
          </td>
          <td className="px-3 py-3 font-medium">
            <MobileLabel>Identifiant</MobileLabel>
            <Link href={`/comptes-api/${r.id}`} className="text-marianne underline underline-offset-2">
              {r.identifiant}
            </Link>
            {r.password.renewal?.toRenew && (
              <span className={`block text-xs font-normal ${r.password.renewal.overdue ? "text-rouge" : "text-jaune"}`} data-testid="password-renewal">
                Mot de passe {r.password.renewal.text}
              </span>
            )}
          </td>
          <td className="px-3 py-3 break-all">
            <MobileLabel>Email</MobileLabel>
            {r.email}
          </td>
          <td className="px-3 py-3">
            <Link href={`/comptes-api/${r.id}`} className="text-marianne hover:underline" aria-label={`${manage ? "Voir ou modifier" : "Voir"} le compte ${r.identifiant}`}>
              {manage ? "Voir / modifier" : "Voir"}
            </Link>
          </td>
        </ClickableRow>
      ))}
    </DataTable>
  );
}
