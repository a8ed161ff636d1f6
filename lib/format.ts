/**
 * Dates as French users read them, always in Europe/Paris, in one format everywhere:
 * « 1er décembre 2026 à 09:05 », with seconds where they matter (« … à 09:05:07 »), the day alone
 * (« 1er décembre 2026 »). Intl gives « 1 décembre »: the first of the month is written « 1er ».
 * Browser-safe (pure, Intl only).
 */
const parts = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "Europe/Paris",
});

type Parts = { day: string; month: string; year: string; hour: string; minute: string; second: string };

function partsOf(date: Date | string | number): Parts {
  const out: Record<string, string> = {};
  for (const p of parts.formatToParts(new Date(date))) out[p.type] = p.value;
  return { day: out.day === "1" ? "1er" : out.day!, month: out.month!, year: out.year!, hour: out.hour!, minute: out.minute!, second: out.second! };
}

/** « 1er décembre 2026 » */
export function formatDate(date: Date | string | number): string {
  const p = partsOf(date);
  return `${p.day} ${p.month} ${p.year}`;
}

/** « 1er décembre 2026 à 09:05 » */
export function formatDateTime(date: Date | string | number): string {
  const p = partsOf(date);
  return `${p.day} ${p.month} ${p.year} à ${p.hour}:${p.minute}`;
}

/** « 1er décembre 2026 à 09:05:07 » */
export function formatDateTimeSeconds(date: Date | string | number): string {
  const p = partsOf(date);
  return `${p.day} ${p.month} ${p.year} à ${p.hour}:${p.minute}:${p.second}`;
}
