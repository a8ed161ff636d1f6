/** Europe/Paris wall time ↔ instants, with Intl only (no date library). */
const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Offset of Europe/Paris from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
export function parisOffsetMs(instant: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - (instant - (instant % 1000));
}

/** "2026-12-01T10:30" read as Paris wall time → the instant; null when malformed. */
export function parisWallTimeToDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(wall)) return null;
  // Two passes settle the offset around DST changes.
  let instant = wall - parisOffsetMs(wall);
  instant = wall - parisOffsetMs(instant);
  const check = new Date(instant);
  return Number.isNaN(check.getTime()) ? null : check;
}

/** An instant as a "YYYY-MM-DDTHH:mm" Paris wall time (for datetime-local inputs). */
export function toParisWallTime(instant: Date): string {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
