import { describe, expect, it } from "vitest";
import { accountStatus, describeMissing, type GrantedApi } from "@/lib/habilitations/status";

const fields = [
  { key: "url", label: "url", required: true },
  { key: "token", label: "token", required: true },
];
const dh7 = { code: "DELTA_H7", name: "DeltaH7", fields };
const gamma2 = { code: "GAMMA2", name: "Gamma2", fields };
const pnts = {
  code: "PNTS",
  name: "PNTS",
  fields: [...fields, { key: "codeBureau", label: "Code bureau", required: true }, { key: "commentaire", label: "Commentaire", required: false }],
};

describe("account status (SPEC: red / yellow / green)", () => {
  it("is red with no habilitation at all", () => {
    const s = accountStatus([]);
    expect(s.level).toBe("red");
    expect(s.label).toBe("Aucune habilitation");
    expect(s.missing).toEqual([]);
  });

  it("is yellow when a granted API lacks required data", () => {
    const s = accountStatus([{ api: dh7, filledKeys: ["token"] }]);
    expect(s.level).toBe("yellow");
    expect(describeMissing(s.missing)).toEqual(["DeltaH7 : url à renseigner"]);
  });

  it("is yellow when one API of several is incomplete", () => {
    const granted: GrantedApi[] = [
      { api: dh7, filledKeys: ["url", "token"] },
      { api: gamma2, filledKeys: new Set(["url"]) },
    ];
    const s = accountStatus(granted);
    expect(s.level).toBe("yellow");
    expect(describeMissing(s.missing)).toEqual(["Gamma2 : token à renseigner"]);
  });

  it("is green when every granted API has all its required data", () => {
    const s = accountStatus([
      { api: dh7, filledKeys: ["url", "token"] },
      { api: gamma2, filledKeys: ["token", "url"] },
    ]);
    expect(s.level).toBe("green");
    expect(s.missing).toEqual([]);
  });

  it("honours extra required fields and ignores optional ones", () => {
    expect(accountStatus([{ api: pnts, filledKeys: ["url", "token"] }]).missing.map((m) => m.fieldKey)).toEqual(["codeBureau"]);
    expect(accountStatus([{ api: pnts, filledKeys: ["url", "token", "codeBureau"] }]).level).toBe("green");
    expect(describeMissing(accountStatus([{ api: pnts, filledKeys: ["url", "token"] }]).missing)).toEqual(["PNTS : code bureau à renseigner"]);
  });

  it("lists every missing field when nothing is filled", () => {
    const s = accountStatus([{ api: dh7, filledKeys: [] }]);
    expect(describeMissing(s.missing)).toEqual(["DeltaH7 : url à renseigner", "DeltaH7 : token à renseigner"]);
  });
});

describe("account status from stored rows (statusOf)", () => {
  it("counts a pending url as filled, ignores other APIs' values, honours extra required fields", async () => {
    const { statusOf } = await import("@/lib/habilitations/account-status");
    const api = (code: string, name: string, extra = false) => ({
      code,
      name,
      fields: [
        { key: "url", label: "url", required: true },
        { key: "token", label: "token", required: true },
        ...(extra ? [{ key: "contactTechnique", label: "Email du contact technique", required: true }] : []),
      ],
    });
    const v = (apiId: string, fieldKey: string, over: Partial<{ value: string; secretCipher: string; pendingValue: string }>) => ({
      apiId,
      fieldKey,
      value: over.value ?? null,
      secretCipher: over.secretCipher ?? null,
      pendingValue: over.pendingValue ?? null,
    });
    const account = {
      habilitations: [
        { apiId: "h7", api: api("DELTA_H7", "DeltaH7") },
        { apiId: "pnts", api: api("PNTS", "PNTS", true) },
      ],
      fieldValues: [
        v("h7", "url", { pendingValue: "https://a.fr/x" }),
        v("h7", "token", { secretCipher: "v1.x" }),
        v("pnts", "url", { value: "https://a.fr/y" }),
        v("pnts", "token", { secretCipher: "v1.y" }),
        v("gamma2", "contactTechnique", { value: "a@b.fr" }),
      ],
    };
    const s = statusOf(account);
    expect(s.level).toBe("yellow");
    expect(describeMissing(s.missing)).toEqual(["PNTS : email du contact technique à renseigner"]);
    account.fieldValues.push(v("pnts", "contactTechnique", { value: "ops@a.fr" }));
    expect(statusOf(account).level).toBe("green");
    expect(statusOf({ habilitations: [], fieldValues: account.fieldValues }).level).toBe("red");
  });
});
