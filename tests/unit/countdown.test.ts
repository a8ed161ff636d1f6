import { describe, expect, it } from "vitest";
import { formatDelay, formatRemaining, remainingMs } from "@/lib/countdown";

describe("countdown wording", () => {
  it("never goes below zero", () => {
    expect(remainingMs(10_000, 4_000)).toBe(6_000);
    expect(remainingMs(10_000, 12_000)).toBe(0);
  });

  it.each([
    [4 * 3600 * 1000, "4 h 00 min 00 s"],
    [14 * 60 * 1000 + 5_000, "14 min 05 s"],
    [44_001, "45 s"],
    [0, "0 s"],
    [26 * 3600 * 1000 + 3 * 60 * 1000, "1 j 2 h 03 min"],
  ])("formats %d ms as %s", (ms, text) => {
    expect(formatRemaining(ms)).toBe(text);
  });

  it("formats catalogue delays", () => {
    expect(formatDelay(14_400)).toBe("4 h");
    expect(formatDelay(900)).toBe("15 min");
    expect(formatDelay(5_400)).toBe("1 h 30 min");
    expect(formatDelay(172_800)).toBe("2 j");
  });
});
