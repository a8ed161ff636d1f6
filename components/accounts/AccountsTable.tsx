import Link from "next/link";
import { formatSiret } from "@/lib/siret";
import type { AccountListRow } from "@/lib/accounts/data";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ClickableRow } from "./ClickableRow";
import { StateLines } from "./StateLines";
import { HelpLink } from "@/components/help/HelpLink";
import { DataTable, type Column } from "@/components/ui/DataTable";

const COLUMNS: Column[] = [
  {
    key: "hab",
    label: (
      <>
        Hab.
        <HelpLink href="/aide/statuts" label="Aide : les statuts rouge, jaune et vert" />
      </>
    ),
  },
  "SIRET",
  "Identifiant",
  "Email",
  "Actions",
];

/** `manage`: the reader may change the accounts (correspondents); others only see them. */
export function AccountsTable({ rows, caption, manage }: { rows: AccountListRow[]; caption: string; manage: boolean }) {
  return (
    <DataTable
      caption={caption}
      minWidth="min-w-[720px]"
      columns={COLUMNS}
    >
      {rows.map((r) => (
        <ClickableRow key={r.id} href={`/comptes-api/${r.id}`} className="border-t border-line align-top">
          <td className="px-3 py-3">
            <StatusBadge status={r.status} showMissing />
            <StateLines lines={r.stateLines} />
          </td>
          <td className="px-3 py-3">
            <span className="font-mono tabular-nums">{formatSiret(r.siret)}</span>
            <span className="block text-xs text-muted">{r.companyName}</span>
          </td>
          <td className="px-3 py-3 font-medium">
            <Link href={`/comptes-api/${r.id}`} className="text-marianne underline underline-offset-2">
              {r.identifiant}
            </Link>
          </td>
          <td className="px-3 py-3 break-all">{r.email}</td>
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
