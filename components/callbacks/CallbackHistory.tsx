import type { AttemptRow, ReceivedRow } from "@/lib/callbacks/data";
import { DataTable } from "@/components/ui/DataTable";

function Snippet({ label, text }: { label: string; text: string | null }) {
  if (!text) return <span className="text-muted">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-marianne underline">{label}</summary>
      <pre className="mt-1 max-h-48 max-w-[40rem] overflow-auto whitespace-pre-wrap break-all border border-line bg-surface p-2 text-xs">{text}</pre>
    </details>
  );
}

/** The test callbacks sent for an account: when, which API, where, the answer (never the token). */
export function SentCallbacks({ attempts }: { attempts: AttemptRow[] }) {
  if (attempts.length === 0) {
    return <p className="text-muted">Aucun appel retour de test envoyé pour ce compte.</p>;
  }
  return (
    <DataTable
      caption="Derniers appels retours de test envoyés, les plus récents d'abord"
      minWidth="min-w-[48rem]"
      variant="history"
      testId="sent-callbacks"
      columns={["Date", "API", "URL appelée", "Résultat", "Latence", "Réponse (2 premiers ko)"]}
    >
      {attempts.map((a) => (
        <tr key={a.id} className="border-b border-line align-top" data-testid="sent-callback">
          <td className="py-2 pr-3 whitespace-nowrap">
            <time dateTime={a.createdAtIso}>{a.createdAtLabel}</time>
            {a.sentBy && <span className="block text-xs text-muted">par {a.sentBy}</span>}
          </td>
          <td className="py-2 pr-3 font-medium">{a.apiName}</td>
          <td className="py-2 pr-3 break-all">
            <code className="text-xs">{a.url}</code>
          </td>
          <td className={`py-2 pr-3 ${a.success ? "text-vert" : "text-rouge"}`}>
            <span className="font-semibold">
              <span aria-hidden="true">{a.success ? "✔ " : "✗ "}</span>
              {a.status !== null ? `HTTP ${a.status}` : "Sans réponse"}
            </span>
            {a.error && <span className="block text-xs text-ink">{a.error}</span>}
          </td>
          <td className="py-2 pr-3 tabular-nums whitespace-nowrap">{a.latencyMs !== null ? `${a.latencyMs} ms` : "—"}</td>
          <td className="py-2">
            <Snippet label="Afficher la réponse" text={a.responseSnippet} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** What the demo receiver got for this account (never the token: only whether it was valid). */
export function ReceivedCallbacks({ received }: { received: ReceivedRow[] }) {
  if (received.length === 0) {
    return <p className="text-muted">Le récepteur de démonstration n&apos;a rien reçu pour ce compte.</p>;
  }
  return (
    <DataTable
      caption="Derniers appels reçus par le récepteur de démonstration, les plus récents d'abord"
      minWidth="min-w-[40rem]"
      variant="history"
      testId="received-callbacks"
      columns={["Date", "API", "Chemin", "Token", "Message reçu (2 premiers ko)"]}
    >
      {received.map((r) => (
        <tr key={r.id} className="border-b border-line align-top" data-testid="received-callback">
          <td className="py-2 pr-3 whitespace-nowrap">
            <time dateTime={r.receivedAtIso}>{r.receivedAtLabel}</time>
          </td>
          <td className="py-2 pr-3 font-medium">{r.apiName}</td>
          <td className="py-2 pr-3 break-all">
            <code className="text-xs">{r.path}</code>
          </td>
          <td className={`py-2 pr-3 font-semibold whitespace-nowrap ${r.tokenValid ? "text-vert" : "text-rouge"}`}>
            <span aria-hidden="true">{r.tokenValid ? "✔ " : "✗ "}</span>
            {r.tokenValid ? "Token valide" : "Token absent ou invalide"}
          </td>
          <td className="py-2">
            <Snippet label="Afficher le message" text={r.bodySnippet} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
