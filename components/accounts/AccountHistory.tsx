import { auditLabel, describeAuditEvent } from "@/lib/audit/events";
import { formatDateTime } from "@/lib/format";

type Event = { id: string; at: Date; action: string; actorEmail: string | null; details: string | null };

export function AccountHistory({ events }: { events: Event[] }) {
  if (events.length === 0) return <p className="text-muted">Aucun événement enregistré.</p>;
  return (
    <ol className="divide-y divide-line border-y border-line">
      {events.map((e) => {
        const description = describeAuditEvent(e.action, e.details);
        return (
          <li key={e.id} className="flex flex-wrap gap-x-4 gap-y-1 py-2 text-sm">
            <time dateTime={e.at.toISOString()} className="w-48 shrink-0 text-muted">
              {formatDateTime(e.at)}
            </time>
            <span className="font-medium">{auditLabel(e.action)}</span>
            {description && <span className="text-muted">{description}</span>}
            {e.actorEmail && <span className="ml-auto text-muted">par {e.actorEmail}</span>}
          </li>
        );
      })}
    </ol>
  );
}
