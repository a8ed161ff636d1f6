import { afterEach, describe, expect, it } from "vitest";
import { clockOffsetMs, freezeClock, now, nowMs, setClockOffsetMs } from "@/lib/clock";
import { currentReplay, replayAt } from "@/lib/replay";

afterEach(() => {
  freezeClock(null);
  setClockOffsetMs(0);
});

describe("replayAt (scenario stories at chosen instants)", () => {
  it("gives its instant to lib/clock.ts inside the call chain only, through awaits and timers", async () => {
    const at = new Date("2026-03-01T09:00:00Z");
    const seen = await replayAt(at, "scénario « Test »", async () => {
      const first = now().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const nested = await Promise.all([Promise.resolve().then(() => nowMs()), new Promise<number>((r) => setImmediate(() => r(nowMs())))]);
      return { first, nested, source: currentReplay()?.source };
    });
    expect(seen).toEqual({ first: "2026-03-01T09:00:00.000Z", nested: [at.getTime(), at.getTime()], source: "scénario « Test »" });
    expect(currentReplay()).toBeUndefined();
    expect(Math.abs(nowMs() - Date.now())).toBeLessThan(1000);
  });

  it("leaves concurrent work outside the replay on the console's clock (demo offset included)", async () => {
    setClockOffsetMs(4 * 3_600_000);
    let outside = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inside = replayAt(new Date("2026-01-01T00:00:00Z"), "s", async () => {
      await gate;
      return nowMs();
    });
    outside = nowMs();
    release();
    expect(await inside).toBe(Date.parse("2026-01-01T00:00:00Z"));
    expect(outside - Date.now()).toBeGreaterThan(4 * 3_600_000 - 1000);
    expect(clockOffsetMs()).toBe(4 * 3_600_000);
  });

  it("nests: the innermost instant wins, the outer one comes back", async () => {
    const a = new Date("2026-01-01T00:00:00Z");
    const b = new Date("2026-02-01T00:00:00Z");
    const result = await replayAt(a, "a", async () => {
      const inner = await replayAt(b, "b", async () => nowMs());
      return [inner, nowMs()];
    });
    expect(result).toEqual([b.getTime(), a.getTime()]);
  });
});
