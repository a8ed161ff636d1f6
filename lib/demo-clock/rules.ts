/**
 * The trainer's demo clock (issue 5/6): the console's time = real time + an offset. Pure rules.
 * Time only moves forward of real time (never before it), at most one year ahead.
 */
export const MAX_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;
export const ADVANCE_STEPS_MIN = [15, 60, 240] as const;

/** The trainer's buttons (banner and FORMATION): each step with its label, « +15 min », « +1 h », « +4 h ». */
export const ADVANCE_STEPS = ADVANCE_STEPS_MIN.map((minutes) => ({ minutes, label: describeOffset(minutes * 60_000) }));

export type ClockMove = { action: "advance"; minutes: number } | { action: "set"; at: Date } | { action: "reset" };

export type OffsetResult = { ok: true; offsetMs: number } | { ok: false; message: string };

export function nextOffset(move: ClockMove, currentOffsetMs: number, realNowMs: number): OffsetResult {
  let offset: number;
  switch (move.action) {
    case "reset":
      return { ok: true, offsetMs: 0 };
    case "advance":
      if (!Number.isInteger(move.minutes) || move.minutes <= 0) return { ok: false, message: "Durée invalide." };
      offset = currentOffsetMs + move.minutes * 60_000;
      break;
    case "set":
      offset = move.at.getTime() - realNowMs;
      if (offset < 0) return { ok: false, message: "La date choisie est passée : l'horloge de démonstration ne recule pas avant l'heure réelle." };
      break;
  }
  if (offset > MAX_AHEAD_MS) return { ok: false, message: "L'horloge de démonstration ne peut pas avancer de plus d'un an." };
  return { ok: true, offsetMs: offset };
}

/** "+4 h 15 min", "+2 j 3 h" — the offset as a trainer reads it. */
export function describeOffset(offsetMs: number): string {
  if (offsetMs === 0) return "heure réelle";
  const totalMin = Math.round(offsetMs / 60_000);
  const days = Math.floor(totalMin / 1440);
  const hours = Math.floor((totalMin % 1440) / 60);
  const minutes = totalMin % 60;
  const out = [days ? `${days} j` : "", hours ? `${hours} h` : "", minutes ? `${minutes} min` : ""].filter(Boolean).join(" ");
  return `+${out || "moins d'une minute"}`;
}
