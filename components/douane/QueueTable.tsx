import Link from "next/link";
import type { QueueRow } from "@/lib/habilitations/data";
import { formatSiret } from "@/lib/siret";
import { DecisionLabel, RequestStatusBadge } from "@/components/habilitations/Badges";
import { DataTable } from "@/components/ui/DataTable";

export function QueueTable({ rows }: { rows: QueueRow[] }) {
  return (
    <DataTable
      caption="Demandes d'habilitation, les plus anciennes d'abord"
      minWidth="min-w-[820px]"
      columns={["Reçue le", "SIRET", "Compte API", "API demandées", "État", "Action"]}
      stackOnMobile
    >
      {rows.map((r) => (
        <tr key={r.id} className="border-t border-line align-top" data-testid="queue-row">
          <td className="px-3 py-3 whitespace-nowrap">{r.createdAtLabel}</td>
          <td className="px-3 py-3">
            <span className="font-mono tabular-nums">{formatSiret(r.siret)}</span>
            <span className="block text-xs text-muted">{r.companyName}</span>
          </td>
          <td className="px-3 py-3 font-medium">{r.identifiant}</td>
          <td className="px-3 py-3">
            <ul>
              {r.items.map((i) => (
                <li key={i.apiName}>
                  {i.apiName} — <DecisionLabel decision={i.decision} />
                </li>
              ))}
            </ul>
          </td>
          <td className="px-3 py-3">
            <RequestStatusBadge status={r.status} />
          </td>
          <td className="px-3 py-3">
            <Link href={`/douane/demandes/${r.id}`} className="font-semibold text-marianne underline underline-offset-2">
              {r.status === "SUBMITTED" ? "Traiter" : "Voir"}
              <span className="sr-only"> la demande de {r.identifiant} du {r.createdAtLabel}</span>
            </Link>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
