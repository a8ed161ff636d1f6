/**
 * Clock offset from an HTTP `Date` header (RFC 9110 §6.6.1): the server's clock minus ours.
 *
 * The header has a one-second resolution: the server's instant lies in [Date, Date + 1 s[, so we
 * take its middle, and compare it with the middle of our request (the response was generated
 * somewhere between sending and receiving). The estimate is good to about ±(0.5 s + RTT/2):
 * small offsets mean nothing, which is why the tester only warns above 2 s.
 */
export const CLOCK_OFFSET_WARNING_MS = 2_000;

export type ClockOffset = {
  /** Server clock minus local clock, in milliseconds (positive: the server is ahead). */
  offsetMs: number;
  /** The `Date` header as received. */
  serverDate: string;
  /** Half the width of the uncertainty interval, in milliseconds. */
  uncertaintyMs: number;
};

export function clockOffsetFromDate(dateHeader: string | null | undefined, sentAtMs: number, receivedAtMs: number): ClockOffset | null {
  if (!dateHeader) return null;
  const serverMs = Date.parse(dateHeader);
  if (Number.isNaN(serverMs)) return null;
  const localMiddle = (sentAtMs + receivedAtMs) / 2;
  const offsetMs = Math.round(serverMs + 500 - localMiddle);
  const uncertaintyMs = Math.round(500 + Math.max(0, receivedAtMs - sentAtMs) / 2);
  return { offsetMs, serverDate: dateHeader, uncertaintyMs };
}

/** True when the offset is large enough to matter (beyond the measurement's own error). */
export function clockOffsetIsSignificant(offset: ClockOffset | null, thresholdMs = CLOCK_OFFSET_WARNING_MS): boolean {
  return offset !== null && Math.abs(offset.offsetMs) > thresholdMs;
}
