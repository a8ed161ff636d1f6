import Link from "next/link";
import { formatSiret } from "@/lib/siret";
import type { AccountListRow } from "@/lib/accounts/data";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ClickableRow } from "./ClickableRow";
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

export function AccountsTable({ rows, caption }: { rows: AccountListRow[]; caption: string }) {
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
            <Link href={`/comptes-api/${r.id}`} className="text-marianne hover:underline" aria-label={`Voir le compte ${r.identifiant}`}>
              Voir / modifier
            </Link>
          </td>
        </ClickableRow>
      ))}
    </DataTable>
  );
}
