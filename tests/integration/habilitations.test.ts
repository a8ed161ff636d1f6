import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freezeClock } from "@/lib/clock";
import { decryptSecret } from "@/lib/crypto/secrets";
import { NotFoundError } from "@/lib/authorization";
import { getAccountDetail, listAccounts } from "@/lib/accounts/data";
import {
  MESSAGES,
  cancelUrlChange,
  decideHabilitationRequest,
  revealSecret,
  revokeHabilitation,
  saveApiData,
  submitHabilitationRequest,
  withdrawHabilitationRequest,
} from "@/lib/habilitations/service";
import { addApiField, removeApiField, updateApiField, updateApiSettings } from "@/lib/habilitations/catalogue";
import { getDeskRequest, getHabilitationsView, listRequestQueue } from "@/lib/habilitations/data";
import { activeUrlFor, announceUrlActivations } from "@/lib/habilitations/activation";
import { listMessages } from "@/lib/notifications/data";
import { withTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";

const T0 = new Date("2026-03-02T08:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

withTestDatabase();
beforeEach(async () => {
  freezeClock(null);
  await resetToDemo();
  freezeClock(T0);
});
afterEach(() => freezeClock(null));

async function demoAccount() {
  return db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
}

async function requestAndDecide(codes: string[], decide: Record<string, "APPROVED" | "REFUSED">) {
  const claire = await actor("correspondant@demo.fr");
  const agent = await actor("agent@douane.demo");
  const account = await demoAccount();
  const submitted = await submitHabilitationRequest(claire, account.id, { apiCodes: codes, message: "Mise en production" });
  if (!submitted.ok) throw new Error(submitted.message);
  const request = await db().habilitationRequest.findUniqueOrThrow({ where: { id: submitted.data.id }, include: { items: { include: { api: true } } } });
  const items = request.items.map((i) => ({
    itemId: i.id,
    decision: decide[i.api.code] ?? "LATER",
    reason: decide[i.api.code] === "REFUSED" ? "Pas d'entrepositaire agréé sur ce SIRET" : undefined,
  }));
  const decided = await decideHabilitationRequest(agent, request.id, { items });
  return { account, request, decided, claire, agent };
}

describe("habilitation requests", () => {
  it("records SIRET, identifiant, APIs, author and time; notifies; shows up in the customs queue", async () => {
    const claire = await actor("correspondant@demo.fr");
    const agent = await actor("agent@douane.demo");
    const account = await demoAccount();
    const result = await submitHabilitationRequest(claire, account.id, { apiCodes: ["DELTA_H7", "GAMMA2"], message: "Pour le lancement" });
    expect(result.ok).toBe(true);
    const request = await db().habilitationRequest.findFirstOrThrow({ include: { items: { include: { api: true } } } });
    expect(request).toMatchObject({ siret: "12345678200010", identifiant: "api-demo-1", authorId: claire.id, status: "SUBMITTED", message: "Pour le lancement" });
    expect(request.createdAt).toEqual(T0);
    expect(request.items.map((i) => [i.api.code, i.decision]).sort()).toEqual([["DELTA_H7", "PENDING"], ["GAMMA2", "PENDING"]]);
    expect(await db().auditEvent.count({ where: { action: "REQUEST_SUBMITTED", apiAccountId: account.id } })).toBe(1);
    const message = await db().outboxMessage.findFirstOrThrow({ where: { kind: "REQUEST_SUBMITTED" } });
    expect(message.recipients).toBe("api-demo-1@transports-exemple.fr, correspondant@demo.fr");
    expect(message.sentAt).toBeNull(); // no SMTP_URL: outbox only

    const queue = await listRequestQueue(agent, {});
    expect(queue.rows.map((r) => r.identifiant)).toEqual(["api-demo-1"]);
    const view = await getHabilitationsView(claire, account.id);
    expect(view.requestable.map((a) => a.code)).toEqual(["DELTA_IE", "PNTS"]);
    expect(view.requests[0]).toMatchObject({ status: "SUBMITTED", canWithdraw: true });
  });

  it("refuses an API already pending or granted, an unknown API, an empty choice — and writes nothing", async () => {
    const claire = await actor("correspondant@demo.fr");
    const account = await demoAccount();
    expect((await submitHabilitationRequest(claire, account.id, { apiCodes: ["GAMMA2"] })).ok).toBe(true);
    const again = await submitHabilitationRequest(claire, account.id, { apiCodes: ["DELTA_H7", "GAMMA2"] });
    expect(again).toMatchObject({ ok: false, message: "Une demande est déjà en attente pour : Gamma2." });
    expect(await submitHabilitationRequest(claire, account.id, { apiCodes: ["NOPE"] })).toMatchObject({ ok: false, message: MESSAGES.unknownApi });
    expect(await submitHabilitationRequest(claire, account.id, { apiCodes: [] })).toMatchObject({ ok: false, errors: { apiCodes: ["Choisissez au moins une API."] } });
    expect((await submitHabilitationRequest(claire, account.id, "x")).ok).toBe(false);
    // A message over the limit is refused with its own message, not dropped (finding 11).
    expect(await submitHabilitationRequest(claire, account.id, { apiCodes: ["DELTA_H7"], message: "x".repeat(10_000) })).toMatchObject({
      ok: false,
      errors: { message: ["Le message ne peut pas dépasser 1000 caractères."] },
    });
    expect(await db().habilitationRequest.count()).toBe(1);
  });

  it("20 concurrent requests for the same API → exactly one pending request", async () => {
    const claire = await actor("correspondant@demo.fr");
    const account = await demoAccount();
    const results = await Promise.all(Array.from({ length: 20 }, () => submitHabilitationRequest(claire, account.id, { apiCodes: ["DELTA_H7"] })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().habilitationRequestItem.count({ where: { decision: "PENDING" } })).toBe(1);
  });

  it("is reserved to the correspondents of the SIRET (others get not found / forbidden)", async () => {
    const paul = await actor("autre@demo.fr");
    const agent = await actor("agent@douane.demo");
    const account = await demoAccount();
    expect(await submitHabilitationRequest(paul, account.id, { apiCodes: ["DELTA_H7"] })).toMatchObject({ ok: false, message: MESSAGES.notFound });
    expect(await submitHabilitationRequest(agent, account.id, { apiCodes: ["DELTA_H7"] })).toMatchObject({ ok: false, message: MESSAGES.forbiddenRequest });
    expect(await db().habilitationRequest.count()).toBe(0);
  });

  it("can be withdrawn while pending, then no more; the freed API can be asked again", async () => {
    const claire = await actor("correspondant@demo.fr");
    const paul = await actor("autre@demo.fr");
    const account = await demoAccount();
    const submitted = await submitHabilitationRequest(claire, account.id, { apiCodes: ["PNTS"] });
    if (!submitted.ok) throw new Error();
    expect(await withdrawHabilitationRequest(paul, submitted.data.id)).toMatchObject({ ok: false, message: MESSAGES.requestNotFound });
    expect((await withdrawHabilitationRequest(claire, submitted.data.id)).ok).toBe(true);
    const request = await db().habilitationRequest.findUniqueOrThrow({ where: { id: submitted.data.id }, include: { items: true } });
    expect(request.status).toBe("WITHDRAWN");
    expect(request.items[0]!.decision).toBe("WITHDRAWN");
    expect(await withdrawHabilitationRequest(claire, submitted.data.id)).toMatchObject({ ok: false, message: MESSAGES.notWithdrawable });
    expect((await submitHabilitationRequest(claire, account.id, { apiCodes: ["PNTS"] })).ok).toBe(true);
  });
});

describe("customs decisions", () => {
  it("approve one API, refuse the other with a reason: habilitation created, request partially approved, account yellow, all audited", async () => {
    const { account, request, decided, claire } = await requestAndDecide(["DELTA_H7", "GAMMA2"], { DELTA_H7: "APPROVED", GAMMA2: "REFUSED" });
    expect(decided).toMatchObject({ ok: true, data: { status: "PARTIALLY_APPROVED" } });
    const habilitations = await db().habilitation.findMany({ where: { apiAccountId: account.id }, include: { api: true } });
    expect(habilitations.map((h) => h.api.code)).toEqual(["DELTA_H7"]);
    const items = await db().habilitationRequestItem.findMany({ where: { requestId: request.id }, include: { api: true } });
    expect(items.find((i) => i.api.code === "GAMMA2")).toMatchObject({ decision: "REFUSED", reason: "Pas d'entrepositaire agréé sur ce SIRET" });
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: account.id } })).statusLevel).toBe("yellow");
    const detail = await getAccountDetail(claire, account.id);
    expect(detail.status.level).toBe("yellow");
    expect(detail.status.missing.map((m) => `${m.apiName}:${m.fieldKey}`)).toEqual(["DeltaH7:url", "DeltaH7:token"]);
    expect((await listAccounts(claire, { status: "yellow" })).total).toBe(1);
    const actions = (await db().auditEvent.findMany({ where: { apiAccountId: account.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["HABILITATION_APPROVED", "HABILITATION_REFUSED"]));
    const decision = await db().outboxMessage.findFirstOrThrow({ where: { kind: "REQUEST_DECIDED" } });
    expect(decision.text).toContain("Gamma2 : habilitation refusée — motif : Pas d'entrepositaire agréé sur ce SIRET");
    const view = await getHabilitationsView(claire, account.id);
    expect(view.requests[0]!.items.find((i) => i.apiName === "Gamma2")?.reason).toBe("Pas d'entrepositaire agréé sur ce SIRET");
    expect(view.requestable.map((a) => a.code)).toEqual(["GAMMA2", "DELTA_IE", "PNTS"]);
  });

  it("a refusal without a reason is refused and nothing is written", async () => {
    const claire = await actor("correspondant@demo.fr");
    const agent = await actor("agent@douane.demo");
    const account = await demoAccount();
    const submitted = await submitHabilitationRequest(claire, account.id, { apiCodes: ["GAMMA2"] });
    if (!submitted.ok) throw new Error();
    const item = await db().habilitationRequestItem.findFirstOrThrow();
    const result = await decideHabilitationRequest(agent, submitted.data.id, { items: [{ itemId: item.id, decision: "REFUSED", reason: " " }] });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toContain("Un refus doit être motivé");
    expect((await db().habilitationRequestItem.findFirstOrThrow()).decision).toBe("PENDING");
    // Too long is "too long", never "too short" (finding 11).
    const long = await decideHabilitationRequest(agent, submitted.data.id, { items: [{ itemId: item.id, decision: "REFUSED", reason: "x".repeat(10_000) }] });
    expect(JSON.stringify(long)).toContain("Le motif ne peut pas dépasser 1000 caractères.");
    expect(JSON.stringify(long)).not.toContain("au moins 3 caractères");
    expect((await db().habilitationRequestItem.findFirstOrThrow()).decision).toBe("PENDING");
  });

  it("only customs agents decide; a decided API cannot be decided twice (concurrent agents)", async () => {
    const claire = await actor("correspondant@demo.fr");
    const agent = await actor("agent@douane.demo");
    const account = await demoAccount();
    const submitted = await submitHabilitationRequest(claire, account.id, { apiCodes: ["DELTA_H7"] });
    if (!submitted.ok) throw new Error();
    const item = await db().habilitationRequestItem.findFirstOrThrow();
    const input = { items: [{ itemId: item.id, decision: "APPROVED" }] };
    expect(await decideHabilitationRequest(claire, submitted.data.id, input)).toMatchObject({ ok: false, message: MESSAGES.forbiddenDesk });
    const results = await Promise.all(Array.from({ length: 5 }, () => decideHabilitationRequest(agent, submitted.data.id, input)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.message === MESSAGES.alreadyDecided)).toBe(true);
    expect(await db().outboxMessage.count({ where: { kind: "REQUEST_DECIDED" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "HABILITATION_APPROVED" } })).toBe(1);
  });

  it("a request decided API by API stays submitted until the last decision", async () => {
    const { request, decided, agent } = await requestAndDecide(["DELTA_H7", "GAMMA2"], { DELTA_H7: "APPROVED" });
    expect(decided).toMatchObject({ ok: true, data: { status: "SUBMITTED" } });
    const desk = await getDeskRequest(agent, request.id);
    expect(desk.items.map((i) => i.decision)).toEqual(["APPROVED", "PENDING"]);
    const gamma = desk.items.find((i) => i.apiCode === "GAMMA2")!;
    const second = await decideHabilitationRequest(agent, request.id, { items: [{ itemId: gamma.id, decision: "APPROVED" }] });
    expect(second).toMatchObject({ ok: true, data: { status: "APPROVED" } });
    expect((await listRequestQueue(agent, { status: "APPROVED" })).total).toBe(1);
    expect((await listRequestQueue(agent, {})).total).toBe(0);
  });

  it("revocation needs a reason, is audited and notified, and turns the account red again", async () => {
    const { account, agent, claire } = await requestAndDecide(["DELTA_H7"], { DELTA_H7: "APPROVED" });
    const habilitation = await db().habilitation.findFirstOrThrow({ where: { apiAccountId: account.id } });
    expect((await revokeHabilitation(agent, habilitation.id, { reason: "" })).ok).toBe(false);
    expect(await revokeHabilitation(claire, habilitation.id, { reason: "Fraude" })).toMatchObject({ ok: false, message: MESSAGES.forbiddenDesk });
    expect((await revokeHabilitation(agent, habilitation.id, { reason: "Cessation d'activité déclarée" })).ok).toBe(true);
    expect(await revokeHabilitation(agent, habilitation.id, { reason: "Encore" })).toMatchObject({ ok: false, message: MESSAGES.alreadyRevoked });
    const row = await db().habilitation.findUniqueOrThrow({ where: { id: habilitation.id } });
    expect(row).toMatchObject({ revokedById: agent.id, revokedReason: "Cessation d'activité déclarée" });
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: account.id } })).statusLevel).toBe("red");
    expect(await db().outboxMessage.count({ where: { kind: "HABILITATION_REVOKED" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "HABILITATION_REVOKED" } })).toBe(1);
    // The API can be asked for and granted again.
    const again = await submitHabilitationRequest(claire, account.id, { apiCodes: ["DELTA_H7"] });
    expect(again.ok).toBe(true);
  });

  it("the customs desk is closed to correspondents and trainers", async () => {
    const claire = await actor("correspondant@demo.fr");
    const trainer = await actor("formateur@demo.fr");
    await expect(listRequestQueue(claire, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(listRequestQueue(trainer, {})).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("per-API data and delayed url activation", () => {
  async function approvedH7() {
    return requestAndDecide(["DELTA_H7"], { DELTA_H7: "APPROVED" });
  }

  it("saves url (pending, now + 4 h) and token (encrypted): the account turns green at once", async () => {
    const { account, claire } = await approvedH7();
    const result = await saveApiData(claire, account.id, "DELTA_H7", { url: "https://douane.transports-exemple.fr/retours", token: "s3cr3t-T0ken" });
    expect(result).toMatchObject({ ok: true, data: { scheduled: [{ field: "url", effectiveAt: at(4 * 3600).toISOString() }] } });
    const rows = await db().apiFieldValue.findMany({ where: { apiAccountId: account.id } });
    const url = rows.find((r) => r.fieldKey === "url")!;
    const token = rows.find((r) => r.fieldKey === "token")!;
    expect(url).toMatchObject({ value: null, pendingValue: "https://douane.transports-exemple.fr/retours", pendingEffectiveAt: at(4 * 3600) });
    expect(token.value).toBeNull();
    expect(token.secretCipher).not.toContain("s3cr3t");
    expect(decryptSecret(token.secretCipher!)).toBe("s3cr3t-T0ken");
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: account.id } })).statusLevel).toBe("green");
    const audits = await db().auditEvent.findMany({ where: { apiAccountId: account.id } });
    expect(audits.map((a) => a.details ?? "").join(" ")).not.toContain("s3cr3t");
    expect(await db().outboxMessage.count({ where: { kind: "URL_CHANGE_SCHEDULED" } })).toBe(1);
    const view = await getHabilitationsView(claire, account.id);
    const urlView = view.apis[0]!.fields.find((f) => f.key === "url")!.url!;
    expect(urlView.active).toBeNull();
    expect(urlView.pending).toMatchObject({ value: "https://douane.transports-exemple.fr/retours", effectiveAtLabel: "2 mars 2026 à 13:00" });
    expect(JSON.stringify(view)).not.toContain("s3cr3t");
  });

  it("a url with CR/LF is refused with its reason; nothing is stored nor notified (finding 11)", async () => {
    const { account, claire } = await approvedH7();
    const before = await db().outboxMessage.count();
    const result = await saveApiData(claire, account.id, "DELTA_H7", { url: "https://x.fr/a\r\nX-Evil: 1", token: "s3cr3t-T0ken" });
    expect(result).toMatchObject({ ok: false, errors: { url: ["L'url ne doit contenir ni espace ni caractère de contrôle (retour à la ligne, tabulation…)."] } });
    expect(await db().apiFieldValue.count({ where: { apiAccountId: account.id } })).toBe(0);
    expect(await db().outboxMessage.count()).toBe(before);
  });

  it("the effective value follows the clock; pages never write; the 'effective' notice is written once, by the sweep, dated with the effective time", async () => {
    const { account, claire } = await approvedH7();
    await saveApiData(claire, account.id, "DELTA_H7", { url: "https://a.transports-exemple.fr/r", token: "t" });
    freezeClock(at(4 * 3600 - 1));
    expect(await announceUrlActivations()).toBe(0);
    expect(await activeUrlFor(account.id, "DELTA_H7")).toBeNull();
    let view = await getHabilitationsView(claire, account.id);
    expect(view.apis[0]!.fields[0]!.url).toMatchObject({ active: null, pending: { value: "https://a.transports-exemple.fr/r" } });

    freezeClock(at(4 * 3600));
    expect(await activeUrlFor(account.id, "GAMMA2")).toBeNull(); // not habilitated
    view = await getHabilitationsView(claire, account.id);
    expect(view.apis[0]!.fields[0]!.url).toMatchObject({ active: "https://a.transports-exemple.fr/r", pending: null });
    // Reading pages at (and after) the effective time writes nothing.
    freezeClock(at(4 * 3600 + 30));
    await Promise.all([getAccountDetail(claire, account.id), listMessages(claire, {}), getHabilitationsView(claire, account.id), activeUrlFor(account.id, "DELTA_H7")]);
    expect(await db().outboxMessage.count({ where: { kind: "URL_CHANGE_EFFECTIVE" } })).toBe(0);
    // Two sweeps at once (two instances): one announcement.
    const concurrent = await Promise.all([announceUrlActivations(), announceUrlActivations([account.id])]);
    expect(concurrent[0] + concurrent[1]).toBe(1);
    expect(await announceUrlActivations()).toBe(0);
    expect(await activeUrlFor(account.id, "DELTA_H7")).toBe("https://a.transports-exemple.fr/r");
    const effective = await db().outboxMessage.findMany({ where: { kind: "URL_CHANGE_EFFECTIVE" } });
    expect(effective).toHaveLength(1);
    expect(effective[0]!.subject).toBe("Nouvelle url active — DeltaH7 — api-demo-1");
    expect(effective[0]!.createdAt).toEqual(at(4 * 3600)); // dated with the effective time, not when the sweep saw it
    const audits = await db().auditEvent.findMany({ where: { action: "URL_CHANGE_EFFECTIVE" } });
    expect(audits.map((a) => a.at)).toEqual([at(4 * 3600)]);
  });

  it("a second change replaces the pending one and restarts the delay; cancel keeps the active url", async () => {
    const { account, claire } = await approvedH7();
    await saveApiData(claire, account.id, "DELTA_H7", { url: "https://a.transports-exemple.fr/r", token: "t" });
    freezeClock(at(5 * 3600)); // the first url is active now
    const second = await saveApiData(claire, account.id, "DELTA_H7", { url: "https://b.transports-exemple.fr/r", token: "" });
    expect(second.ok).toBe(true);
    expect(await db().outboxMessage.count({ where: { kind: "URL_CHANGE_EFFECTIVE" } })).toBe(1); // announced before being folded
    freezeClock(at(6 * 3600));
    await saveApiData(claire, account.id, "DELTA_H7", { url: "https://c.transports-exemple.fr/r", token: "" });
    let row = await db().apiFieldValue.findFirstOrThrow({ where: { apiAccountId: account.id, fieldKey: "url" } });
    expect(row).toMatchObject({ value: "https://a.transports-exemple.fr/r", pendingValue: "https://c.transports-exemple.fr/r", pendingEffectiveAt: at(10 * 3600) });
    // the token left empty is kept
    const token = await db().apiFieldValue.findFirstOrThrow({ where: { apiAccountId: account.id, fieldKey: "token" } });
    expect(decryptSecret(token.secretCipher!)).toBe("t");

    expect((await cancelUrlChange(claire, account.id, "DELTA_H7", "url")).ok).toBe(true);
    row = await db().apiFieldValue.findFirstOrThrow({ where: { apiAccountId: account.id, fieldKey: "url" } });
    expect(row).toMatchObject({ value: "https://a.transports-exemple.fr/r", pendingValue: null, pendingEffectiveAt: null });
    expect(await cancelUrlChange(claire, account.id, "DELTA_H7", "url")).toMatchObject({ ok: false, message: MESSAGES.noPendingUrl });
    expect(await db().auditEvent.count({ where: { action: "URL_CHANGE_CANCELLED" } })).toBe(1);
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: account.id } })).statusLevel).toBe("green");
  });

  it("cancelling the very first url leaves the url missing: back to yellow", async () => {
    const { account, claire } = await approvedH7();
    await saveApiData(claire, account.id, "DELTA_H7", { url: "https://a.transports-exemple.fr/r", token: "t" });
    const result = await cancelUrlChange(claire, account.id, "DELTA_H7", "url");
    expect(result.ok && result.message).toContain("statut jaune");
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: account.id } })).statusLevel).toBe("yellow");
  });

  it("enforces the url rules on the server", async () => {
    const { account, claire } = await approvedH7();
    const bad = async (url: string) => saveApiData(claire, account.id, "DELTA_H7", { url, token: "t" });
    expect(JSON.stringify(await bad("http://douane.transports-exemple.fr/"))).toContain("https");
    expect(JSON.stringify(await bad("https://user:pw@douane.transports-exemple.fr/"))).toContain("identifiant");
    expect(JSON.stringify(await bad(`https://douane.transports-exemple.fr/${"x".repeat(2048)}`))).toContain("2");
    expect(JSON.stringify(await bad("https://10.0.0.8/retours"))).toContain("privée");
    expect((await bad("http://127.0.0.1:3000/recepteur-demo")).ok).toBe(true); // loopback: local demos
    expect(await db().apiFieldValue.count({ where: { fieldKey: "url", pendingValue: { startsWith: "https://10." } } })).toBe(0);
  });

  it("an agent, a trainer or another SIRET's correspondent cannot edit url/token; an API not granted cannot be edited", async () => {
    const { account, agent, claire } = await approvedH7();
    const paul = await actor("autre@demo.fr");
    const trainer = await actor("formateur@demo.fr");
    const input = { url: "https://pirate.example.fr/x", token: "volé" };
    expect(await saveApiData(agent, account.id, "DELTA_H7", input)).toMatchObject({ ok: false, message: MESSAGES.forbiddenData });
    expect(await saveApiData(trainer, account.id, "DELTA_H7", input)).toMatchObject({ ok: false, message: MESSAGES.forbiddenData });
    expect(await saveApiData(paul, account.id, "DELTA_H7", input)).toMatchObject({ ok: false, message: MESSAGES.notFound });
    expect(await saveApiData(claire, account.id, "GAMMA2", input)).toMatchObject({ ok: false, message: MESSAGES.notHabilitated });
    expect(await cancelUrlChange(agent, account.id, "DELTA_H7", "url")).toMatchObject({ ok: false, message: MESSAGES.forbiddenData });
    expect(await db().apiFieldValue.count()).toBe(0);
    const view = await getHabilitationsView(agent, account.id);
    expect(view.can).toEqual({ edit: false, reveal: false, request: false, revoke: true });
  });

  it("reveals a token only on explicit request, to the SIRET's correspondents, and audits it", async () => {
    const { account, agent, claire } = await approvedH7();
    await saveApiData(claire, account.id, "DELTA_H7", { url: "https://a.transports-exemple.fr/r", token: "Le-Token-42" });
    expect(await revealSecret(agent, account.id, "DELTA_H7", "token")).toMatchObject({ ok: false, message: MESSAGES.forbiddenReveal });
    expect(await revealSecret(claire, account.id, "DELTA_H7", "url")).toMatchObject({ ok: false, message: MESSAGES.unknownField });
    expect(await revealSecret(claire, account.id, "DELTA_H7", "token")).toEqual({ ok: true, data: { value: "Le-Token-42" } });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "SECRET_REVEALED" } });
    expect(audit).toMatchObject({ actorEmail: "correspondant@demo.fr", apiAccountId: account.id });
    expect(audit.details).not.toContain("Le-Token-42");
  });
});

describe("catalogue", () => {
  it("the seed holds the four APIs with their fixed path prefixes and delays", async () => {
    const apis = await db().api.findMany({ orderBy: { position: "asc" }, include: { fields: { orderBy: { position: "asc" } } } });
    expect(apis.map((a) => [a.code, a.pathPrefix, a.urlDelaySeconds])).toEqual([
      ["DELTA_H7", "dh7", 14400],
      ["GAMMA2", "gamma2", 900],
      ["DELTA_IE", "deltaie", 14400],
      ["PNTS", "pnts", 900],
    ]);
    for (const a of apis) expect(a.fields.slice(0, 2).map((f) => [f.key, f.kind, f.required])).toEqual([["url", "URL", true], ["token", "SECRET", true]]);
    expect(apis[3]!.fields.map((f) => f.key)).toEqual(["url", "token", "contactTechnique"]);
    expect((await demoAccount()).statusLevel).toBe("red");
  });

  it("an agent changes the delay (new changes use it), adds and removes a required field: statuses follow", async () => {
    const { account, agent, claire } = await requestAndDecide(["GAMMA2"], { GAMMA2: "APPROVED" });
    expect((await updateApiSettings(claire, "GAMMA2", { name: "Gamma2", description: "d", contactEmail: "a@b.fr", urlDelayMinutes: 30 })).ok).toBe(false);
    expect((await updateApiSettings(agent, "GAMMA2", { name: "Gamma2", description: "Accises", contactEmail: "gamma2@douane.demo", urlDelayMinutes: 0 })).ok).toBe(false);
    expect((await updateApiSettings(agent, "GAMMA2", { name: "Gamma2", description: "Accises", contactEmail: "gamma2@douane.demo", urlDelayMinutes: 30 })).ok).toBe(true);
    await saveApiData(claire, account.id, "GAMMA2", { url: "https://a.transports-exemple.fr/g", token: "t" });
    expect((await db().apiFieldValue.findFirstOrThrow({ where: { fieldKey: "url" } })).pendingEffectiveAt).toEqual(at(1800));
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: account.id } })).statusLevel).toBe("green");

    expect((await addApiField(agent, "GAMMA2", { key: "numeroAccises", label: "Numéro d'accises", kind: "TEXT", required: true })).ok).toBe(true);
    expect((await addApiField(agent, "GAMMA2", { key: "numeroAccises", label: "Doublon", kind: "TEXT", required: false })).ok).toBe(false);
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: account.id } })).statusLevel).toBe("yellow");
    expect((await getAccountDetail(claire, account.id)).status.missing.map((m) => m.fieldKey)).toEqual(["numeroAccises"]);

    expect((await updateApiField(agent, "GAMMA2", "numeroAccises", { label: "Numéro d'accises", required: false })).ok).toBe(true);
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: account.id } })).statusLevel).toBe("green");
    expect((await updateApiField(agent, "GAMMA2", "url", { label: "url", required: false })).ok).toBe(false);
    expect((await removeApiField(agent, "GAMMA2", "token")).ok).toBe(false);
    expect((await updateApiField(agent, "GAMMA2", "numeroAccises", { label: "Numéro d'accises", required: true })).ok).toBe(true);
    await saveApiData(claire, account.id, "GAMMA2", { url: "https://a.transports-exemple.fr/g", token: "", numeroAccises: "FR0123456789" });
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: account.id } })).statusLevel).toBe("green");
    expect((await removeApiField(agent, "GAMMA2", "numeroAccises")).ok).toBe(true);
    expect(await db().apiFieldValue.count({ where: { fieldKey: "numeroAccises" } })).toBe(0);
    expect(await db().auditEvent.count({ where: { action: { startsWith: "CATALOGUE_" } } })).toBe(5);
  });
});

describe("messages", () => {
  it("are scoped to the reader's SIRETs", async () => {
    const { claire } = await requestAndDecide(["DELTA_H7"], { DELTA_H7: "APPROVED" });
    const paul = await actor("autre@demo.fr");
    const agent = await actor("agent@douane.demo");
    expect((await listMessages(claire, {})).rows.map((m) => m.kind)).toEqual(["REQUEST_DECIDED", "REQUEST_SUBMITTED"]);
    expect((await listMessages(paul, {})).total).toBe(0);
    expect((await listMessages(agent, {})).total).toBe(0);
    expect((await listMessages(claire, { siret: "31415926000012" })).siret).toBeNull();
  });
});
