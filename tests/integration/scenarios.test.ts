/**
 * The trainer's scenarios against a real SQLite database: each one loads into an empty and into a
 * non-empty database and yields the promised states; loading is deterministic, audited, resets the
 * demo clock, keeps the signed-in people's ids; the demo clock then moves url activation and token expiry.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clockOffsetMs, freezeClock, nowMs, setClockOffsetMs } from "@/lib/clock";
import { decryptSecret } from "@/lib/crypto/secrets";
import { checkCredentials } from "@/lib/auth/users";
import { listAccounts } from "@/lib/accounts/data";
import { activeUrlFor } from "@/lib/habilitations/activation";
import { runSweep } from "@/lib/sweep/sweep";
import { decideHabilitationRequest } from "@/lib/habilitations/service";
import { listRequestQueue } from "@/lib/habilitations/data";
import { moveDemoClock, DEMO_CLOCK_KEY } from "@/lib/demo-clock/service";
import { handleTokenRequest, resetTokenRateLimits } from "@/lib/oauth/token-endpoint";
import { handleSimulatedApi } from "@/lib/oauth/resource";
import { consoleBaseUrl } from "@/lib/oauth/environments";
import { SCENARIO_IDS, SCENARIOS, type ScenarioId } from "@/lib/scenarios/catalog";
import { REFUSAL_REASON, SCENARIO_TOKENS } from "@/lib/scenarios/stories";
import { loadScenario, runScenario, SCENARIO_MESSAGES } from "@/lib/scenarios/service";
import { DEMO_API_PASSWORD, DEMO_COLLABORATORS, DEMO_PASSWORD, DEMO_USERS } from "@/prisma/demo-data";
import { wipeDatabase } from "@/prisma/wipe";
import { createTestDatabase, dataTables, tableRows } from "../support/test-db";
import { actor } from "../support/actors";
import { fromAddress } from "../support/client-address";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  process.env.DEMO_MODE = "1";
});
afterEach(async () => {
  freezeClock(null);
  setClockOffsetMs(0);
  await resetTokenRateLimits();
});
afterAll(async () => {
  delete process.env.DEMO_MODE;
  await dispose();
});

const account = (identifiant: string) => db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: identifiant } });
const floorMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000;

/** Some of everything, so a load has to clear it: another scenario, a tester run, a stray user, a moved clock. */
async function makeNonEmpty(): Promise<void> {
  await runScenario("trois-etats", null);
  const claire = await actor("correspondant@demo.fr");
  const green = await account("api-demo-3");
  await db().tokenTestRun.create({
    data: { apiAccountId: green.id, actorId: claire.id, identifiant: "api-demo-3", environment: "simulateur", tokenUrl: "http://x/oauth2/token", createdAt: new Date(), outcome: "success" },
  });
  await db().user.create({ data: { email: "intrus@exemple.fr", name: "Intrus", role: "CORRESPONDENT", passwordHash: "x" } });
  expect((await moveDemoClock(await actor("formateur@demo.fr"), { action: "advance", minutes: 60 })).ok).toBe(true);
}

/** The promised state of each scenario (`loadedAt`: the instant the load started). */
const EXPECT: Record<ScenarioId, (loadedAt: number) => Promise<void>> = {
  vierge: async () => {
    expect(await db().apiAccount.count()).toBe(0);
    expect(await db().user.count()).toBe(DEMO_USERS.length + DEMO_COLLABORATORS.length);
    expect(await db().establishment.count()).toBe(4);
    expect(await db().api.count()).toBe(4);
    expect(await db().attachmentRequest.count({ where: { status: "PENDING" } })).toBe(DEMO_COLLABORATORS.filter((c) => c.status === "PENDING").length);
    expect(await db().habilitationRequest.count()).toBe(0);
    expect(await db().outboxMessage.count()).toBe(0);
    const claire = await actor("correspondant@demo.fr");
    expect(await db().correspondentScope.count({ where: { userId: claire.id } })).toBe(3);
  },

  demonstration: async () => {
    const demo = await account("api-demo-1");
    expect(demo.statusLevel).toBe("red");
    expect(await db().apiAccount.count()).toBe(1);
    expect(await db().habilitation.count()).toBe(0);
    expect(demo.createdAt.toISOString()).toBe("2026-01-05T09:00:00.000Z");
  },

  "trois-etats": async (loadedAt) => {
    const claire = await actor("correspondant@demo.fr");
    const list = await listAccounts(claire, {});
    expect(list.rows.map((r) => [r.identifiant, r.status.level])).toEqual([
      ["api-demo-1", "red"],
      ["api-demo-2", "yellow"],
      ["api-demo-3", "green"],
    ]);
    for (const identifiant of ["api-demo-1", "api-demo-2", "api-demo-3"]) {
      const row = await account(identifiant);
      expect(row.statusLevel).toBe(list.rows.find((r) => r.identifiant === identifiant)!.status.level);
      expect(row.createdAt.getTime()).toBeLessThan(loadedAt - 2 * DAY);
    }
    const yellow = list.rows.find((r) => r.identifiant === "api-demo-2")!;
    expect(yellow.status.missing.map((m) => `${m.apiName}.${m.fieldKey}`)).toEqual(["PNTS.url", "PNTS.token", "PNTS.contactTechnique"]);
    const green = await account("api-demo-3");
    expect(await activeUrlFor(green.id, "DELTA_H7")).toBe(`${consoleBaseUrl()}/recepteur-demo/${green.id}/dh7`);
    const token = await db().apiFieldValue.findFirstOrThrow({ where: { apiAccountId: green.id, fieldKey: "token" } });
    expect(token.value).toBeNull();
    expect(token.secretCipher).not.toContain(SCENARIO_TOKENS.atlantique);
    expect(decryptSecret(token.secretCipher!)).toBe(SCENARIO_TOKENS.atlantique);
    expect((await account("api-demo-2")).statusSince!.getTime()).toBeLessThan(loadedAt);
  },

  "demande-en-attente": async (loadedAt) => {
    const demo = await account("api-demo-1");
    expect(demo.statusLevel).toBe("red");
    const request = await db().habilitationRequest.findFirstOrThrow({ where: { apiAccountId: demo.id }, include: { items: { include: { api: true } } } });
    expect(request.status).toBe("SUBMITTED");
    expect(request.items.map((i) => [i.api.code, i.decision])).toEqual([
      ["DELTA_H7", "PENDING"],
      ["GAMMA2", "PENDING"],
    ]);
    expect(request.createdAt.getTime()).toBe(floorMinute(loadedAt) - DAY);
    const queue = await listRequestQueue(await actor("agent@douane.demo"), { status: "SUBMITTED" });
    expect(queue.rows.map((r) => r.identifiant)).toEqual(["api-demo-1"]);
  },

  "changement-url": async (loadedAt) => {
    const demo = await account("api-demo-1");
    expect(demo.statusLevel).toBe("green");
    expect(await activeUrlFor(demo.id, "DELTA_H7")).toBe(`${consoleBaseUrl()}/recepteur-demo/${demo.id}/dh7/ancienne-adresse`);
    const url = await db().apiFieldValue.findFirstOrThrow({ where: { apiAccountId: demo.id, fieldKey: "url" } });
    expect(url.pendingValue).toBe(`${consoleBaseUrl()}/recepteur-demo/${demo.id}/dh7/nouvelle-adresse`);
    expect(url.pendingEffectiveAt!.getTime()).toBe(floorMinute(loadedAt) + 4 * HOUR);
    expect(url.pendingEffectiveAt!.getTime()).toBeGreaterThan(nowMs());
  },

  "demande-refusee": async (loadedAt) => {
    const demo = await account("api-demo-1");
    expect(demo.statusLevel).toBe("red");
    const request = await db().habilitationRequest.findFirstOrThrow({ where: { apiAccountId: demo.id }, include: { items: { include: { api: true } } } });
    expect(request.status).toBe("REFUSED");
    expect(request.items).toHaveLength(1);
    expect(request.items[0]).toMatchObject({ decision: "REFUSED", reason: REFUSAL_REASON, api: { code: "DELTA_IE" } });
    expect(request.decidedAt!.getTime()).toBe(floorMinute(loadedAt) - DAY);
    const message = await db().outboxMessage.findFirstOrThrow({ where: { kind: "REQUEST_DECIDED", apiAccountId: demo.id } });
    expect(message.text).toContain(REFUSAL_REASON);
  },

  "mot-de-passe-a-renouveler": async (loadedAt) => {
    const demo = await account("api-demo-1");
    expect(demo.statusLevel).toBe("green");
    // Changed when the account was made, 424 - 7 days ago (the period of the demo, or the deployment's).
    const max = Number(process.env.API_PASSWORD_MAX_AGE_DAYS) || 424;
    expect(demo.passwordChangedAt.getTime()).toBe(floorMinute(loadedAt) - (max - 7) * DAY);
    const reminders = await db().passwordReminder.findMany({ where: { apiAccountId: demo.id }, orderBy: { sentAt: "asc" } });
    expect(reminders.map((r) => r.stage)).toEqual(["D30", "D7"]);
    const messages = await db().outboxMessage.findMany({ where: { kind: "PASSWORD_RENEWAL_REMINDER" } });
    expect(messages.every((m) => m.status === "HELD")).toBe(true);
    expect(messages).toHaveLength(2);
  },
  "declaration-acceptee": async (loadedAt) => {
    const demo = await account("api-demo-1");
    expect(demo.statusLevel).toBe("green");
    const declarations = await db().dh7Declaration.findMany({ where: { apiAccountId: demo.id } });
    expect(declarations).toMatchObject([{ lrn: "H7-DEMO-2026-0001", state: "ACC", receivedAt: new Date(floorMinute(loadedAt) - HOUR) }]);
    // The callback customs owes: a Response_H7 to the demo receiver's path (delivered when the console runs, retried by its sweep otherwise).
    const callbacks = await db().customsCallback.findMany({ where: { apiAccountId: demo.id } });
    expect(callbacks).toMatchObject([{ kind: "RESPONSE", path: `/declarations/${declarations[0]!.customsDeclarationReference}/reponses` }]);
    expect(JSON.parse(callbacks[0]!.body)).toMatchObject({ state: "ACC", lrn: "H7-DEMO-2026-0001" });
    expect(await db().callbackAttempt.count({ where: { customsCallbackId: callbacks[0]!.id } })).toBe(1);
  },
  "declaration-en-erreur": async () => {
    const demo = await account("api-demo-1");
    const declarations = await db().dh7Declaration.findMany({ where: { apiAccountId: demo.id }, orderBy: { receivedAt: "asc" } });
    expect(declarations.map((d) => d.state)).toEqual(["ACC", "ERR"]);
    const callbacks = await db().customsCallback.findMany({ where: { apiAccountId: demo.id }, orderBy: { createdAt: "asc" } });
    expect(callbacks.map((c) => [c.kind, c.path])).toEqual([
      ["RESPONSE", `/declarations/${declarations[0]!.customsDeclarationReference}/reponses`],
      ["ERROR", "/declarations/erreurs"],
    ]);
    expect(JSON.parse(callbacks[1]!.body)).toMatchObject({ errors: [{ errorCode: "H7_NAT_000", errorPointer: "/lrn" }] });
  },
};

/** What every load guarantees, whatever the scenario. */
async function expectCommon(id: ScenarioId): Promise<void> {
  expect(clockOffsetMs()).toBe(0);
  expect(await db().setting.findUnique({ where: { key: DEMO_CLOCK_KEY } })).toBeNull();
  expect(await db().user.findUnique({ where: { email: "intrus@exemple.fr" } })).toBeNull();
  expect(await db().tokenTestRun.count()).toBe(0);
  for (const a of await db().apiAccount.findMany()) expect(a.passwordHash).toMatch(/^\$argon2id\$/);
  // The statusLevel kept in the table is the computed one.
  const claire = await actor("correspondant@demo.fr");
  for (const r of (await listAccounts(claire, {})).rows) expect((await account(r.identifiant.toLowerCase())).statusLevel).toBe(r.status.level);
  // Audited: one SCENARIO_LOADED; every replayed event says which scenario made it.
  const name = SCENARIOS.find((s) => s.id === id)!.name;
  const loaded = await db().auditEvent.findMany({ where: { action: "SCENARIO_LOADED" } });
  expect(loaded).toHaveLength(1);
  expect(JSON.parse(loaded[0]!.details!)).toMatchObject({ scenario: name });
  if (id !== "demonstration") {
    const others = await db().auditEvent.findMany({ where: { action: { not: "SCENARIO_LOADED" } } });
    for (const e of others) expect(JSON.parse(e.details!)).toMatchObject({ source: `scénario « ${name} »` });
  }
  // A scenario emails no one: its messages wait in the outbox.
  expect(await db().outboxMessage.count({ where: { sentAt: { not: null } } })).toBe(0);
  // The demo people sign in with the demo password.
  for (const u of DEMO_USERS) expect((await checkCredentials(u.email, DEMO_PASSWORD)).ok).toBe(true);
}

describe("each scenario loads into an empty and a non-empty database", () => {
  for (const id of SCENARIO_IDS) {
    it(`${id}: empty database`, async () => {
      await wipeDatabase(db());
      expect(await db().user.count()).toBe(0);
      const loadedAt = nowMs();
      await runScenario(id, null);
      await expectCommon(id);
      await EXPECT[id](loadedAt);
    });

    it(`${id}: non-empty database (another scenario, extra rows, demo clock moved)`, async () => {
      await makeNonEmpty();
      expect(clockOffsetMs()).toBe(HOUR);
      const trainer = await actor("formateur@demo.fr");
      const loadedAt = nowMs() - clockOffsetMs();
      const result = await loadScenario(trainer, { scenario: id });
      expect(result).toMatchObject({ ok: true, data: { id } });
      await expectCommon(id);
      await EXPECT[id](loadedAt);
      // The trainer is still the same user (the session stays valid), and the load is theirs in the audit.
      expect((await actor("formateur@demo.fr")).id).toBe(trainer.id);
      const event = await db().auditEvent.findFirstOrThrow({ where: { action: "SCENARIO_LOADED" } });
      expect(event).toMatchObject({ actorId: trainer.id, actorEmail: "formateur@demo.fr" });
      expect(JSON.parse(event.details!)).toMatchObject({ previousClock: "+1 h" });
    });
  }
});

/** Every table's rows with generated ids, salted hashes, random-IV ciphers and @updatedAt replaced by stable values. */
async function normalizedSnapshot(): Promise<string> {
  const all: Record<string, Record<string, unknown>[]> = {};
  const ids = new Map<string, string>();
  for (const name of await dataTables()) {
    all[name] = await tableRows(name);
    all[name].forEach((row, i) => {
      if (typeof row.id === "string") ids.set(row.id, `${name}#${i}`);
    });
  }
  const stable = (key: string, value: unknown): unknown => {
    if (key === "updatedAt") return "<updatedAt>";
    if (key === "passwordHash") return typeof value === "string" && value.startsWith("$argon2id$") ? "<argon2id>" : value;
    if (key === "secretCipher") return typeof value === "string" ? `<sealed:${decryptSecret(value)}>` : value;
    if (typeof value === "string") return [...ids].reduce((s, [id, label]) => s.split(id).join(label), value);
    return value;
  };
  return JSON.stringify(all, (k, v) => stable(k, v), 1);
}

describe("scenarios are deterministic", () => {
  it("the same rows and values at each load (same load instant), from an empty or a non-empty database", async () => {
    const at = new Date(floorMinute(Date.now()) + 30_000);
    for (const id of ["trois-etats", "changement-url", "demande-refusee"] as const) {
      await wipeDatabase(db());
      freezeClock(at);
      await runScenario(id, null);
      const first = await normalizedSnapshot();
      freezeClock(null);
      await makeNonEmpty();
      setClockOffsetMs(0);
      freezeClock(at);
      await runScenario(id, null);
      expect(await normalizedSnapshot()).toBe(first);
      freezeClock(null);
    }
  });
});

describe("loading a scenario: who, when, what", () => {
  it("only a trainer, only in demo mode, only a known scenario — nothing is touched otherwise", async () => {
    await runScenario("demonstration", null);
    const before = await db().auditEvent.count();
    expect(await loadScenario(await actor("correspondant@demo.fr"), { scenario: "vierge" })).toEqual({ ok: false, message: SCENARIO_MESSAGES.forbidden });
    expect(await loadScenario(await actor("agent@douane.demo"), { scenario: "vierge" })).toEqual({ ok: false, message: SCENARIO_MESSAGES.forbidden });
    const trainer = await actor("formateur@demo.fr");
    for (const bad of [{ scenario: "inconnu" }, { scenario: ["vierge"] }, "vierge", null, { scenario: "__proto__" }]) {
      expect(await loadScenario(trainer, bad)).toEqual({ ok: false, message: SCENARIO_MESSAGES.unknown });
    }
    delete process.env.DEMO_MODE;
    try {
      expect(await loadScenario(trainer, { scenario: "vierge" })).toEqual({ ok: false, message: SCENARIO_MESSAGES.demoModeOff });
    } finally {
      process.env.DEMO_MODE = "1";
    }
    expect(await db().apiAccount.count()).toBe(1);
    expect(await db().auditEvent.count()).toBe(before);
  });

  it("two loads at once run one after the other: the last asked wins, nothing is mixed", async () => {
    const trainer = await actor("formateur@demo.fr");
    const [a, b] = await Promise.all([loadScenario(trainer, { scenario: "trois-etats" }), loadScenario(trainer, { scenario: "demande-en-attente" })]);
    expect(a.ok && b.ok).toBe(true);
    expect((await db().apiAccount.findMany()).map((x) => x.identifiant)).toEqual(["api-demo-1"]);
    expect(await db().habilitationRequest.count({ where: { status: "SUBMITTED" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "SCENARIO_LOADED" } })).toBe(1);
  });

  it("forgets the simulator's failed-grant counters: an account blocked before the load gets tokens again", async () => {
    await runScenario("demonstration", null);
    const grant = (password: string) =>
      handleTokenRequest(
        new Request("http://127.0.0.1/oauth2/token", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", ...fromAddress("192.0.2.7") },
          body: new URLSearchParams({ grant_type: "password", client_id: "gun-api", scope: "openid", username: "api-demo-1", password }).toString(),
        }),
      );
    for (let i = 0; i < 5; i++) expect((await grant("Mauvais-2026!x")).status).toBe(400);
    expect((await grant(DEMO_API_PASSWORD)).status).toBe(429);
    await loadScenario(await actor("formateur@demo.fr"), { scenario: "demande-refusee" });
    expect((await grant(DEMO_API_PASSWORD)).status).toBe(200);
  });

  it("a loaded pending request is a real one: customs can decide it", async () => {
    await runScenario("demande-en-attente", null);
    const request = await db().habilitationRequest.findFirstOrThrow({ include: { items: true } });
    const decided = await decideHabilitationRequest(await actor("agent@douane.demo"), request.id, {
      items: request.items.map((i) => ({ itemId: i.id, decision: "APPROVED" })),
    });
    expect(decided.ok).toBe(true);
    expect((await account("api-demo-1")).statusLevel).toBe("yellow");
  });
});

describe("the demo clock on a loaded scenario", () => {
  it("« Changement d'url en attente »: +4 h makes the new url the active one, announced once", async () => {
    const trainer = await actor("formateur@demo.fr");
    expect((await loadScenario(trainer, { scenario: "changement-url" })).ok).toBe(true);
    const demo = await account("api-demo-1");
    expect(await activeUrlFor(demo.id, "DELTA_H7")).toMatch(/ancienne-adresse$/);
    expect((await moveDemoClock(trainer, { action: "advance", minutes: 60 })).ok).toBe(true);
    expect(await activeUrlFor(demo.id, "DELTA_H7")).toMatch(/ancienne-adresse$/);
    expect((await moveDemoClock(trainer, { action: "advance", minutes: 240 })).ok).toBe(true);
    expect(await activeUrlFor(demo.id, "DELTA_H7")).toMatch(/nouvelle-adresse$/);
    expect(await db().auditEvent.count({ where: { action: "URL_CHANGE_EFFECTIVE", details: { contains: "nouvelle-adresse" } } })).toBe(0); // reads never announce
    await Promise.all([runSweep(), runSweep()]); // the sweep (two instances at once)
    const effective = await db().auditEvent.findMany({ where: { action: "URL_CHANGE_EFFECTIVE", details: { contains: "nouvelle-adresse" } } });
    expect(effective).toHaveLength(1);
    expect(JSON.parse(effective[0]!.details!).source).toBeUndefined(); // a real event, not the scenario's
    expect(await db().outboxMessage.count({ where: { kind: "URL_CHANGE_EFFECTIVE", text: { contains: "nouvelle-adresse" } } })).toBe(1);
    expect((await moveDemoClock(trainer, { action: "reset" })).ok).toBe(true);
  });

  it("« Trois états »: the green account gets a token from the simulator, calls DeltaH7; +15 min expires the token", async () => {
    const trainer = await actor("formateur@demo.fr");
    expect((await loadScenario(trainer, { scenario: "trois-etats" })).ok).toBe(true);
    const form = new URLSearchParams({ grant_type: "password", client_id: "gun-api", scope: "openid", username: "api-demo-3", password: DEMO_API_PASSWORD });
    const response = await handleTokenRequest(
      new Request("http://127.0.0.1/oauth2/token", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
        body: form.toString(),
      }),
    );
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    const call = () => handleSimulatedApi(new Request("http://127.0.0.1/dh7/declarations", { headers: { Authorization: `Bearer ${access_token}` } }), "dh7");
    expect((await call()).status).toBe(200);
    expect((await moveDemoClock(trainer, { action: "advance", minutes: 15 })).ok).toBe(true);
    const expired = await call();
    expect(expired.status).toBe(401);
    expect(expired.headers.get("WWW-Authenticate")).toContain('error="invalid_token"');
    expect((await moveDemoClock(trainer, { action: "reset" })).ok).toBe(true);
    expect((await call()).status).toBe(200);
  });
});
