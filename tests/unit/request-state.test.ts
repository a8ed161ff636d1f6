import { describe, expect, it } from "vitest";
import { canWithdrawRequest, requestStatusFromItems } from "@/lib/habilitations/request-state";

describe("habilitation request state from its per-API decisions", () => {
  it.each([
    [["PENDING", "PENDING"], "SUBMITTED"],
    [["APPROVED", "PENDING"], "SUBMITTED"],
    [["APPROVED", "APPROVED"], "APPROVED"],
    [["REFUSED"], "REFUSED"],
    [["APPROVED", "REFUSED"], "PARTIALLY_APPROVED"],
    [["WITHDRAWN", "WITHDRAWN"], "WITHDRAWN"],
    [["APPROVED", "WITHDRAWN"], "APPROVED"],
    [["REFUSED", "WITHDRAWN"], "REFUSED"],
    [["APPROVED", "REFUSED", "WITHDRAWN"], "PARTIALLY_APPROVED"],
    [[], "WITHDRAWN"],
  ] as const)("%j → %s", (decisions, expected) => {
    expect(requestStatusFromItems(decisions)).toBe(expected);
  });

  it("only a request still in progress can be withdrawn", () => {
    expect(canWithdrawRequest("SUBMITTED")).toBe(true);
    for (const s of ["APPROVED", "PARTIALLY_APPROVED", "REFUSED", "WITHDRAWN"] as const) expect(canWithdrawRequest(s)).toBe(false);
  });
});
