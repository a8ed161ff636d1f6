import { formatDateTime } from "@/lib/format";
import { OUTCOME_LABELS, type Outcome } from "@/lib/token-tester/report";
import type { EnvironmentOption, TokenTestRunRow } from "@/lib/token-tester/data";
import { DataTable } from "@/components/ui/DataTable";

function outcomeLabel(outcome: string): string {
  return OUTCOME_LABELS[outcome as Outcome] ?? outcome;
}

/** The user's recent runs (no secret is ever stored: who, when, environment, outcome, latency). */
export function TokenTestHistory({ runs, environments }: { runs: TokenTestRunRow[]; environments: EnvironmentOption[] }) {
  if (runs.length === 0) {
    return <p className="text-muted">Aucun test pour le moment. Vos tests apparaîtront ici (sans aucun secret).</p>;
  }
  const envLabel = (id: string) => environments.find((e) => e.id === id)?.label ?? (id === "personnalise" ? "URL personnalisée" : id);
  return (
    <DataTable
      caption="Vos 20 derniers tests d'obtention de jeton"
      minWidth="min-w-[48rem]"
      variant="history"
      testId="token-test-history"
      columns={["Date", "Identifiant", "Environnement", "Résultat", "HTTP", "Latence", "Appel d'API"]}
    >
      {runs.map((r) => (
        <tr key={r.id} className="border-b border-line align-top">
          <td className="py-2 pr-3 whitespace-nowrap">
            <time dateTime={r.createdAt.toISOString()}>{formatDateTime(r.createdAt)}</time>
          </td>
          <td className="py-2 pr-3 font-medium">{r.identifiant}</td>
          <td className="py-2 pr-3">
            {envLabel(r.environment)}
            {r.environment === "personnalise" && <span className="block break-all text-xs text-muted">{r.tokenUrl}</span>}
          </td>
          <td className={`py-2 pr-3 font-semibold ${r.outcome === "success" ? "text-vert" : "text-rouge"}`}>
            <span aria-hidden="true">{r.outcome === "success" ? "✔ " : "✗ "}</span>
            {outcomeLabel(r.outcome)}
            {r.oauthError && <span className="block font-mono text-xs font-normal">{r.oauthError}</span>}
          </td>
          <td className="py-2 pr-3 tabular-nums">{r.httpStatus ?? "—"}</td>
          <td className="py-2 pr-3 tabular-nums">{r.latencyMs !== null ? `${r.latencyMs} ms` : "—"}</td>
          <td className="py-2">
            {r.apiCallUrl ? (
              <>
                <span className="tabular-nums">{r.apiCallStatus !== null ? `HTTP ${r.apiCallStatus}` : "sans réponse"}</span>
                <span className="block break-all text-xs text-muted">{r.apiCallUrl}</span>
              </>
            ) : (
              "—"
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
