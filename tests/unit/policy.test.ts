import { describe, expect, it } from "vitest";
import {
  callbackAccountsWhere,
  canDecideHabilitations,
  canEditApiData,
  canEditCatalogue,
  canReadMessages,
  canRequestHabilitations,
  canRevealSecrets,
  canSendTestCallbacks,
  canUseCustomsDesk,
  landingPathFor,
  type Actor,
} from "@/lib/authorization/policy";
import { navItemsFor } from "@/components/shell/Header";

const as = (role: Actor["role"]): Actor => ({ id: "u", email: "u@x.fr", name: "U", role });

describe("habilitation policy", () => {
  it("the operator's data (url, token) is edited and revealed by correspondents only — never by customs", () => {
    expect(canEditApiData(as("CORRESPONDENT"))).toBe(true);
    expect(canRevealSecrets(as("CORRESPONDENT"))).toBe(true);
    for (const role of ["CUSTOMS_AGENT", "TRAINER", "COLLABORATOR"] as const) {
      expect(canEditApiData(as(role))).toBe(false);
      expect(canRevealSecrets(as(role))).toBe(false);
    }
  });

  it("requests come from correspondents; decisions, revocations and the catalogue belong to customs agents", () => {
    expect(canRequestHabilitations(as("CORRESPONDENT"))).toBe(true);
    expect(canRequestHabilitations(as("CUSTOMS_AGENT"))).toBe(false);
    for (const role of ["CORRESPONDENT", "TRAINER", "COLLABORATOR"] as const) {
      expect(canUseCustomsDesk(as(role))).toBe(false);
      expect(canDecideHabilitations(as(role))).toBe(false);
      expect(canEditCatalogue(as(role))).toBe(false);
    }
    expect(canDecideHabilitations(as("CUSTOMS_AGENT"))).toBe(true);
    expect(canEditCatalogue(as("CUSTOMS_AGENT"))).toBe(true);
    expect(canReadMessages(as("CORRESPONDENT"))).toBe(true);
    expect(canReadMessages(as("CUSTOMS_AGENT"))).toBe(false);
  });
});

describe("test callbacks policy", () => {
  it("correspondents (their SIRETs) and customs agents (every account) send; trainers and collaborators only read", () => {
    expect(canSendTestCallbacks(as("CORRESPONDENT"))).toBe(true);
    expect(canSendTestCallbacks(as("CUSTOMS_AGENT"))).toBe(true);
    expect(canSendTestCallbacks(as("TRAINER"))).toBe(false);
    expect(canSendTestCallbacks(as("COLLABORATOR"))).toBe(false);
    expect(callbackAccountsWhere(as("CORRESPONDENT"))).toEqual({ establishment: { correspondents: { some: { userId: "u" } } } });
    expect(callbackAccountsWhere(as("CUSTOMS_AGENT"))).toEqual({});
    expect(callbackAccountsWhere(as("TRAINER"))).toEqual({ id: { in: [] } });
    expect(callbackAccountsWhere(as("COLLABORATOR"))).toEqual({ id: { in: [] } });
  });
});

describe("role-aware menu", () => {
  const labels = (role: Actor["role"]) => navItemsFor(as(role)).map((i) => i.label);
  it("keeps the portal's menus in order, offers CERTIFICATION and ADMINISTRATION only to correspondents, and adds the tester, Messages, DOUANE, FORMATION by role", () => {
    expect(labels("CORRESPONDENT")).toEqual(["CERTIFICATION", "ADMINISTRATION", "COMPTES API", "Testeur de jeton", "Messages", "Aide"]);
    expect(labels("CUSTOMS_AGENT")).toEqual(["COMPTES API", "Testeur de jeton", "DOUANE", "Aide"]);
    expect(labels("TRAINER")).toEqual(["COMPTES API", "Testeur de jeton", "FORMATION", "Aide"]);
    expect(labels("COLLABORATOR")).toEqual(["COMPTES API", "Aide"]);
    expect(navItemsFor(as("CUSTOMS_AGENT")).find((i) => i.label === "DOUANE")?.href).toBe("/douane");
  });

  it("shows the pending requests on DOUANE, for screen readers too", () => {
    expect(navItemsFor(as("CUSTOMS_AGENT"), 3).find((i) => i.label === "DOUANE")?.count).toEqual({ value: 3, label: "3 demandes en attente" });
    expect(navItemsFor(as("CUSTOMS_AGENT"), 1).find((i) => i.label === "DOUANE")?.count?.label).toBe("1 demande en attente");
    expect(navItemsFor(as("CUSTOMS_AGENT"), 0).find((i) => i.label === "DOUANE")?.count).toBeUndefined();
  });

  it("lands each role on its own page", () => {
    expect(landingPathFor(as("CUSTOMS_AGENT"), true)).toBe("/douane");
    expect(landingPathFor(as("TRAINER"), true)).toBe("/formation");
    expect(landingPathFor(as("TRAINER"), false)).toBe("/comptes-api");
    expect(landingPathFor(as("CORRESPONDENT"), true)).toBe("/comptes-api");
    expect(landingPathFor(as("COLLABORATOR"), true)).toBe("/comptes-api");
  });
});
