import { afterEach, describe, expect, it } from "vitest";
import { describeOffset, MAX_AHEAD_MS, nextOffset } from "@/lib/demo-clock/rules";
import { parisWallTimeToDate, toParisWallTime } from "@/lib/paris-time";
import { clockOffsetMs, freezeClock, now, setClockOffsetMs } from "@/lib/clock";

const REAL = Date.UTC(2026, 10, 29, 12, 0, 0);

describe("demo clock rules", () => {
  it("advances from the current offset and resets to real time", () => {
    expect(nextOffset({ action: "advance", minutes: 15 }, 0, REAL)).toEqual({ ok: true, offsetMs: 15 * 60_000 });
    expect(nextOffset({ action: "advance", minutes: 240 }, 3_600_000, REAL)).toEqual({ ok: true, offsetMs: 5 * 3_600_000 });
    expect(nextOffset({ action: "reset" }, 123, REAL)).toEqual({ ok: true, offsetMs: 0 });
  });

  it("goes to a chosen date, never before real time nor more than a year ahead", () => {
    expect(nextOffset({ action: "set", at: new Date(REAL + 86_400_000) }, 0, REAL)).toEqual({ ok: true, offsetMs: 86_400_000 });
    expect(nextOffset({ action: "set", at: new Date(REAL - 1000) }, 0, REAL).ok).toBe(false);
    expect(nextOffset({ action: "set", at: new Date(REAL + MAX_AHEAD_MS + 1) }, 0, REAL).ok).toBe(false);
    expect(nextOffset({ action: "advance", minutes: -5 }, 0, REAL).ok).toBe(false);
  });

  it("describes offsets in French", () => {
    expect(describeOffset(0)).toBe("heure réelle");
    expect(describeOffset(4 * 3_600_000 + 15 * 60_000)).toBe("+4 h 15 min");
    expect(describeOffset(26 * 3_600_000)).toBe("+1 j 2 h");
  });
});

describe("Europe/Paris wall time", () => {
  it("reads winter and summer times with the right offset", () => {
    expect(parisWallTimeToDate("2026-12-01T10:30")!.toISOString()).toBe("2026-12-01T09:30:00.000Z");
    expect(parisWallTimeToDate("2026-07-14T10:30")!.toISOString()).toBe("2026-07-14T08:30:00.000Z");
    expect(parisWallTimeToDate("pas une date")).toBeNull();
    expect(toParisWallTime(new Date("2026-07-14T08:30:00Z"))).toBe("2026-07-14T10:30");
  });
});

describe("lib/clock", () => {
  afterEach(() => {
    setClockOffsetMs(0);
    freezeClock(null);
  });
  it("adds the offset to every reading", () => {
    freezeClock(null);
    setClockOffsetMs(4 * 3_600_000);
    const diff = now().getTime() - new Date(Date.now()).getTime();
    expect(diff).toBeGreaterThanOrEqual(4 * 3_600_000 - 50);
    expect(diff).toBeLessThanOrEqual(4 * 3_600_000 + 50);
    expect(clockOffsetMs()).toBe(4 * 3_600_000);
  });
});
