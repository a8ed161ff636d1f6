import { describe, expect, it } from "vitest";
import { stateFactsOf, stateLines } from "@/lib/habilitations/state-lines";

const at = Date.parse("2026-12-01T10:00:00Z");
const d = (iso: string) => new Date(iso);
const item = (api: string, decision: string, reason: string | null = null) => ({ decision, reason, decidedAt: d("2026-11-30T15:00:00Z"), api: { name: api } });

describe("state lines", () => {
  it("a request waiting at customs", () => {
    const facts = stateFactsOf([{ status: "SUBMITTED", createdAt: d("2026-11-29T09:00:00Z"), decidedAt: null, items: [item("DeltaH7", "PENDING")] }], [], at);
    expect(stateLines(facts, at)).toEqual([{ kind: "pending", text: "Demande en attente depuis le 29 novembre 2026", title: "29 novembre 2026 à 10:00" }]);
  });

  it("a refusal with its reason, until a new request is asked", () => {
    const refused = { status: "REFUSED", createdAt: d("2026-11-28T09:00:00Z"), decidedAt: d("2026-11-30T15:00:00Z"), items: [item("DeltaIE", "REFUSED", "Statut non justifié")] };
    expect(stateLines(stateFactsOf([refused], [], at), at)).toEqual([{ kind: "refused", text: "DeltaIE refusée le 30 novembre 2026 : Statut non justifié" }]);
    const again = { status: "SUBMITTED", createdAt: d("2026-12-01T08:00:00Z"), decidedAt: null, items: [item("DeltaIE", "PENDING")] };
    expect(stateLines(stateFactsOf([again, refused], [], at), at).map((l) => l.kind)).toEqual(["pending"]);
  });

  it("a partial approval keeps the refused API's line; an approval has none", () => {
    const partial = { status: "PARTIALLY_APPROVED", createdAt: d("2026-11-28T09:00:00Z"), decidedAt: d("2026-11-30T15:00:00Z"), items: [item("DeltaH7", "APPROVED"), item("Gamma2", "REFUSED", "Pas d'entrepôt")] };
    expect(stateLines(stateFactsOf([partial], [], at), at).map((l) => l.text)).toEqual(["Gamma2 refusée le 30 novembre 2026 : Pas d'entrepôt"]);
    const approved = { ...partial, status: "APPROVED", items: [item("DeltaH7", "APPROVED")] };
    expect(stateLines(stateFactsOf([approved], [], at), at)).toEqual([]);
  });

  it("a url about to take effect, with its countdown; none once in force", () => {
    const urls = [{ apiName: "DeltaH7", pendingValue: "https://b.fr", pendingEffectiveAt: new Date(at + (3 * 3600 + 59 * 60) * 1000) }];
    expect(stateLines(stateFactsOf([], urls, at), at)).toEqual([{ kind: "url", text: "url DeltaH7 active dans 3 h 59 min 00 s", title: "au plus tard le 1er décembre 2026 à 14:59" }]);
    expect(stateLines(stateFactsOf([], urls, at + 4 * 3600_000), at + 4 * 3600_000)).toEqual([]);
  });
});
