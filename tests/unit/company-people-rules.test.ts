import { describe, expect, it } from "vitest";
import { canDecide } from "@/lib/certification/rules";
import { canBeNamedCorrespondent, canRemoveCorrespondent } from "@/lib/administration/rules";

describe("attachment certification transitions", () => {
  it.each([
    ["PENDING", "certify", true],
    ["PENDING", "decertify", true],
    ["CERTIFIED", "certify", false],
    ["CERTIFIED", "decertify", true],
    ["DECERTIFIED", "certify", true],
    ["DECERTIFIED", "decertify", false],
  ] as const)("%s + %s → %s", (status, decision, allowed) => {
    expect(canDecide(status, decision)).toBe(allowed);
  });
});

describe("correspondents of a SIRET", () => {
  it("never removes the last one", () => {
    expect(canRemoveCorrespondent(1)).toBe(false);
    expect(canRemoveCorrespondent(2)).toBe(true);
  });
  it("names only company staff", () => {
    expect(canBeNamedCorrespondent("COLLABORATOR")).toBe(true);
    expect(canBeNamedCorrespondent("CORRESPONDENT")).toBe(true);
    expect(canBeNamedCorrespondent("CUSTOMS_AGENT")).toBe(false);
    expect(canBeNamedCorrespondent("TRAINER")).toBe(false);
  });
});
