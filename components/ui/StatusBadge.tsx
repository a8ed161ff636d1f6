import type { AccountStatus } from "@/lib/habilitations/status";
import { describeMissing } from "@/lib/habilitations/status";

/** The "Hab." pictogram (SPEC): red "!" in a circle, yellow "!" in a triangle, green without pictogram. Never colour alone. */
export function StatusPictogram({ level, label, decorative = false }: { level: AccountStatus["level"]; label: string; decorative?: boolean }) {
  const a11y = decorative ? ({ "aria-hidden": true } as const) : ({ role: "img", "aria-label": label } as const);
  if (level === "red") {
    return (
      <svg {...a11y} viewBox="0 0 24 24" width="24" height="24" data-status="red" className="shrink-0">
        {!decorative && <title>{label}</title>}
        <circle cx="12" cy="12" r="11" fill="#ce0500" />
        <rect x="10.75" y="5" width="2.5" height="9" rx="1" fill="white" />
        <circle cx="12" cy="17.5" r="1.6" fill="white" />
      </svg>
    );
  }
  if (level === "yellow") {
    return (
      <svg {...a11y} viewBox="0 0 24 24" width="26" height="24" data-status="yellow" className="shrink-0">
        {!decorative && <title>{label}</title>}
        <path d="M12 1.5 23.2 21.5a1 1 0 0 1-.9 1.5H1.7a1 1 0 0 1-.9-1.5Z" fill="#fcc63a" stroke="#716043" strokeWidth="1" />
        <rect x="10.8" y="8" width="2.4" height="7.5" rx="1" fill="#161616" />
        <circle cx="12" cy="18.7" r="1.5" fill="#161616" />
      </svg>
    );
  }
  return decorative ? null : <span className="sr-only" data-status="green">{label}</span>;
}

export function StatusBadge({ status, showMissing = false }: { status: AccountStatus; showMissing?: boolean }) {
  const missing = describeMissing(status.missing);
  const color = status.level === "red" ? "text-rouge" : status.level === "yellow" ? "text-jaune" : "text-vert";
  return (
    <div className="flex items-start gap-2" data-testid="status" data-level={status.level}>
      <StatusPictogram level={status.level} label={status.label} decorative />
      <div className="min-w-0">
        <span className={`text-sm font-semibold ${color}`}>
          <span className="sr-only">Statut d&apos;habilitation : </span>
          {status.label}
        </span>
        {showMissing && missing.length > 0 && (
          <ul className="mt-0.5 text-xs text-muted">
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
