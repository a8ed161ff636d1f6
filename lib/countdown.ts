/**
 * Countdown arithmetic and wording (pure). The browser's "now" comes from lib/client-clock.ts
 * (the server's now(), demo clock included, ticked locally) — never the browser clock alone.
 */
export function remainingMs(targetMs: number, consoleNowMs: number): number {
  return Math.max(0, targetMs - consoleNowMs);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "3 h 59 min 58 s", "14 min 05 s", "45 s", "1 j 2 h 03 min" (rounded up to the second). */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${days} j ${hours} h ${pad(minutes)} min`;
  if (hours > 0) return `${hours} h ${pad(minutes)} min ${pad(seconds)} s`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}

/** "4 h", "15 min", "1 h 30 min", "2 j" — a delay as the catalogue shows it. */
export function formatDelay(seconds: number): string {
  const minutesTotal = Math.round(seconds / 60);
  const days = Math.floor(minutesTotal / 1440);
  const hours = Math.floor((minutesTotal % 1440) / 60);
  const minutes = minutesTotal % 60;
  const parts = [days ? `${days} j` : "", hours ? `${hours} h` : "", minutes ? `${minutes} min` : ""].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : `${seconds} s`;
}
