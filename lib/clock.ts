/**
 * The console's clock. Every time-dependent rule (URL activation delay, token expiry,
 * countdowns) reads `now()` from here, never Date.now() directly, so tests and the trainer's
 * demo clock can move time. The offset is per process; lib/demo-clock persists it.
 */
import { currentReplay } from "./replay";

type ClockState = { offsetMs: number; frozenAt: number | null };
const globalForClock = globalThis as unknown as { __consoleClock?: ClockState };
const state: ClockState = (globalForClock.__consoleClock ??= { offsetMs: 0, frozenAt: null });

export function nowMs(): number {
  const replay = currentReplay();
  if (replay) return replay.atMs; // a scenario being built (lib/replay.ts): its own instant, this call chain only
  return state.frozenAt ?? Date.now() + state.offsetMs;
}

export function now(): Date {
  return new Date(nowMs());
}

/** Milliseconds added to the system clock (0 = real time). */
export function clockOffsetMs(): number {
  return state.offsetMs;
}

export function setClockOffsetMs(offsetMs: number): void {
  state.offsetMs = offsetMs;
}

/** Tests only: stop the clock at an instant (null to let it run again). */
export function freezeClock(at: Date | null): void {
  state.frozenAt = at ? at.getTime() : null;
}

/** The machine's time without the demo clock's offset (freshness of short-lived proofs, NTP checks). */
export function wallClockMs(): number {
  return nowMs() - state.offsetMs;
}
