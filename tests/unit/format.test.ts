import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDateTimeSeconds } from "@/lib/format";

describe("French dates (Europe/Paris)", () => {
  it("writes the first of the month « 1er », the others as numbers", () => {
    expect(formatDateTime(new Date("2026-12-01T08:05:00Z"))).toBe("1er décembre 2026 à 09:05");
    expect(formatDateTime(new Date("2026-12-02T08:05:00Z"))).toBe("2 décembre 2026 à 09:05");
    expect(formatDateTime(new Date("2026-12-11T08:05:00Z"))).toBe("11 décembre 2026 à 09:05");
    expect(formatDate(new Date("2026-03-01T12:00:00Z"))).toBe("1er mars 2026");
  });

  it("follows summer time and midnight in Paris", () => {
    expect(formatDateTime(new Date("2026-07-01T22:30:00Z"))).toBe("2 juillet 2026 à 00:30");
    expect(formatDateTimeSeconds(new Date("2026-03-02T13:00:07Z"))).toBe("2 mars 2026 à 14:00:07");
    expect(formatDateTime(new Date("2026-10-31T23:00:00Z"))).toBe("1er novembre 2026 à 00:00");
  });
});
