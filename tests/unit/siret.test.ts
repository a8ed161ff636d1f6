import { describe, expect, it } from "vitest";
import { formatSiret, isValidSiret, luhnValid } from "@/lib/siret";

describe("SIRET (14 digits, Luhn, La Poste exception)", () => {
  it.each(["12345678200010", "98765432400019", "55555555600011", "31415926000012", "73282932000074"])("accepts %s", (s) => {
    expect(isValidSiret(s)).toBe(true);
  });

  it("rejects a wrong check digit", () => {
    expect(isValidSiret("12345678200011")).toBe(false);
    expect(isValidSiret("73282932000075")).toBe(false);
  });

  it("rejects anything that is not exactly 14 digits", () => {
    for (const s of ["", "1234567820001", "123456782000100", "1234567820001a", "123 456 782 00010", "１２３４５６７８２０００１０"]) {
      expect(isValidSiret(s)).toBe(false);
    }
  });

  it("applies La Poste's rule (digit sum divisible by 5) to SIREN 356000000", () => {
    // 35600000012346: digit sum 30, not Luhn-valid → accepted under the exception
    expect(luhnValid("35600000012346")).toBe(false);
    expect(isValidSiret("35600000012346")).toBe(true);
    // 35600000049837: digit sum 45 → accepted
    expect(isValidSiret("35600000049837")).toBe(true);
    // 35600000012345: digit sum 29 → refused
    expect(isValidSiret("35600000012345")).toBe(false);
    // the head office 356 000 000 00048 keeps its Luhn key (digit sum 26)
    expect(isValidSiret("35600000000048")).toBe(true);
    expect(isValidSiret("35600000000049")).toBe(false);
  });

  it("does not extend the exception to other SIRENs", () => {
    // digit sum 45 (divisible by 5) but Luhn-invalid, outside La Poste
    expect(isValidSiret("12345678200007")).toBe(false);
  });

  it("formats SIREN by threes then NIC", () => {
    expect(formatSiret("12345678200010")).toBe("123 456 782 00010");
  });
});
