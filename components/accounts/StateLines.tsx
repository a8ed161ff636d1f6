import type { StateLine } from "@/lib/habilitations/state-lines";

const TONE: Record<StateLine["kind"], string> = { pending: "text-ink", refused: "text-rouge", url: "text-marianne" };

/** What is still pending for an account (lib/habilitations/state-lines.ts), under its status. */
export function StateLines({ lines }: { lines: readonly StateLine[] }) {
  if (lines.length === 0) return null;
  return (
    <ul className="mt-0.5 space-y-0.5 text-xs" data-testid="state-lines">
      {lines.map((l) => (
        <li key={`${l.kind}-${l.text}`} className={TONE[l.kind]} title={l.title} data-kind={l.kind}>
          {l.text}
        </li>
      ))}
    </ul>
  );
}
