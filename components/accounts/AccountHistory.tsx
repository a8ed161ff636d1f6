import { auditLabel } from "@/lib/audit/audit";
import { formatDateTime } from "@/lib/format";

type Event = { id: string; at: Date; action: string; actorEmail: string | null; details: string | null };

/** French wording of the detail keys written by the services. */
const DETAIL_LABELS: Record<string, string> = {
  api: "API",
  motif: "motif",
  champ: "champ",
  champs: "champs",
  url: "url",
  effectiveLe: "effective au plus tard le",
  remplace: "remplace",
  annulée: "annulée",
  resultat: "résultat",
  statut: "HTTP",
  latenceMs: "latence (ms)",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function describe(details: string | null): string | null {
  if (!details) return null;
  try {
    const d = JSON.parse(details) as Record<string, unknown>;
    if (typeof d.from === "string" && typeof d.to === "string") return `${d.from} → ${d.to}`;
    const parts = Object.entries(d)
      .filter(([, v]) => typeof v === "string" || typeof v === "number")
      .map(([k, v]) => {
        const value = typeof v === "string" && ISO_DATE.test(v) ? formatDateTime(v) : String(v);
        return k === "api" ? value : `${DETAIL_LABELS[k] ?? k} : ${value}`;
      });
    return parts.length > 0 ? parts.join(" · ") : null;
  } catch {
    return null;
  }
}

export function AccountHistory({ events }: { events: Event[] }) {
  if (events.length === 0) return <p className="text-muted">Aucun événement enregistré.</p>;
  return (
    <ol className="divide-y divide-line border-y border-line">
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap gap-x-4 gap-y-1 py-2 text-sm">
          <time dateTime={e.at.toISOString()} className="w-48 shrink-0 text-muted">
            {formatDateTime(e.at)}
          </time>
          <span className="font-medium">{auditLabel(e.action)}</span>
          {describe(e.details) && <span className="text-muted">{describe(e.details)}</span>}
          {e.actorEmail && <span className="ml-auto text-muted">par {e.actorEmail}</span>}
        </li>
      ))}
    </ol>
  );
}
