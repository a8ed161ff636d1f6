/**
 * The token tester service against a real local RFC 6749 server (tests/support/oauth-stub.ts) and
 * a real SQLite database: report, checklist, id_token signature, refresh, API call, outbound
 * policy, history, and no secret anywhere.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { nowMs, setClockOffsetMs } from "@/lib/clock";
import { refreshTokenTestForActor, runTokenTestForActor, TESTER_MESSAGES, MAX_RUNS_PER_MINUTE } from "@/lib/token-tester/service";
import { listMyTokenTestRuns, prefillIdentifiant } from "@/lib/token-tester/data";
import { createTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { resetStub, startOAuthStub, STUB_USERS, type OAuthStub } from "../support/oauth-stub";
import { hostileRecord, hostileValue } from "../support/hostile";

const PASSWORD = STUB_USERS["api-demo-1"]!;
let stub: OAuthStub;
let dispose: () => Promise<void>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  stub = await startOAuthStub();
});
afterAll(async () => {
  await stub.close();
  await dispose();
});
beforeEach(async () => {
  await resetToDemo();
  // The "Simulateur" environment points at the stub (as it points at the console itself in production).
  process.env.CONSOLE_BASE_URL = stub.origin;
  delete process.env.SIMULATOR_TOKEN_URL;
  delete process.env.OUTBOUND_ALLOW_LOOPBACK;
});
afterEach(() => {
  resetStub(stub);
  for (const key of ["CONSOLE_BASE_URL", "SIMULATOR_TOKEN_URL", "OUTBOUND_ALLOW_LOOPBACK"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

const form = (over: Record<string, unknown> = {}) => ({ environment: "simulateur", customUrl: "", identifiant: "api-demo-1", password: PASSWORD, apiUrl: "", ...over });
const HEX64 = /[0-9a-f]{64}/i;

async function claire() {
  return actor("correspondant@demo.fr");
}

describe("a successful run against the Simulateur environment", () => {
  it("reports every step, all green, with the id_token decoded and its signature verified", async () => {
    const result = await runTokenTestForActor(await claire(), form());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const r = result.data;
    expect(r.verdict).toEqual({ ok: true, title: "Jeton obtenu : la réponse est conforme au guide", warnings: [] });
    expect(r.environment).toEqual({ id: "simulateur", label: "Simulateur (cette console)" });
    expect(r.tokenUrl).toBe(stub.tokenUrl);
    expect(r.exchange.status).toBe(200);
    expect(r.exchange.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.exchange.checks.every((c) => c.ok)).toBe(true);
    expect(r.exchange.token).toMatchObject({ tokenType: "Bearer", expiresIn: 300, refreshTokenPresent: true, accessTokenShape: "64 caractères hexadécimaux (comme l'exemple du guide)" });
    expect(r.exchange.curl).toContain("--data-urlencode 'password=***'");
    expect(r.exchange.curl).toContain(`curl -sS -X POST '${stub.tokenUrl}'`);
    expect(r.idToken?.header).toMatchObject({ alg: "RS512", typ: "JWT", kid: "stub-key-1" });
    expect(r.idToken?.claims).toMatchObject({ sub: "api-demo-1", aud: ["gun-api"], azp: "gun-api", acr: "loa-2", iss: stub.origin });
    expect(r.idToken?.signature).toMatchObject({ status: "valid", jwksUri: `${stub.origin}/jwks` });
    expect(r.idToken?.checks.every((c) => c.status === "ok")).toBe(true);
    expect(r.idToken?.dates.map((d) => d.claim)).toEqual(["iat", "auth_time", "exp"]);
    expect(r.idToken?.dates[0]?.paris).toMatch(/^(?:1er|\d{1,2}) \p{L}+ \d{4} à \d{2}:\d{2}:\d{2}$/u);
    expect(r.exchange.clock?.significant).toBe(false);
    expect(r.refreshAvailable).toBe(true);
    expect(r.runId).toBeTruthy();
  });

  it("keeps no secret: not in the report, not in the run, not in the audit", async () => {
    const c = await claire();
    const result = await runTokenTestForActor(c, form({ apiUrl: stub.apiUrl }));
    const json = JSON.stringify(result);
    expect(json).not.toContain(PASSWORD);
    expect(json).not.toMatch(HEX64); // no access or refresh token
    const run = await db().tokenTestRun.findFirstOrThrow({ where: { actorId: c.id } });
    expect(JSON.stringify(run)).not.toContain(PASSWORD);
    const audits = await db().auditEvent.findMany();
    expect(JSON.stringify(audits)).not.toContain(PASSWORD);
    expect(JSON.stringify(audits)).not.toMatch(HEX64);
  });

  it("records the run in the account's history (who, when, environment, outcome, latency)", async () => {
    const c = await claire();
    const result = await runTokenTestForActor(c, form());
    expect(result.ok).toBe(true);
    const account = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
    const run = await db().tokenTestRun.findFirstOrThrow({ where: { actorId: c.id } });
    expect(run).toMatchObject({ apiAccountId: account.id, identifiant: "api-demo-1", environment: "simulateur", tokenUrl: stub.tokenUrl, outcome: "success", httpStatus: 200, oauthError: null });
    expect(run.latencyMs).toBeGreaterThanOrEqual(0);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { apiAccountId: account.id, action: "TOKEN_TEST_RUN" } });
    expect(audit.actorEmail).toBe("correspondant@demo.fr");
    expect(JSON.parse(audit.details!)).toEqual({ environment: "simulateur", outcome: "success", httpStatus: 200, latencyMs: run.latencyMs });
    const mine = await listMyTokenTestRuns(c);
    expect(mine.map((m) => m.id)).toEqual([run.id]);
  });

  it("links the run to the account whatever the identifiant's case (identifiants are case-insensitive)", async () => {
    const c = await claire();
    await runTokenTestForActor(c, form({ identifiant: "API-Demo-1" }));
    const account = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
    expect((await db().tokenTestRun.findFirstOrThrow({ where: { actorId: c.id } })).apiAccountId).toBe(account.id);
  });

  it("an identifiant outside the actor's scope is tested but never linked to (nor reveals) the account", async () => {
    const paul = await actor("autre@demo.fr");
    const result = await runTokenTestForActor(paul, form());
    expect(result.ok).toBe(true);
    const run = await db().tokenTestRun.findFirstOrThrow({ where: { actorId: paul.id } });
    expect(run.apiAccountId).toBeNull();
    expect(await db().auditEvent.count({ where: { action: "TOKEN_TEST_RUN" } })).toBe(0);
    expect(await listMyTokenTestRuns(await claire())).toEqual([]);
  });
});

describe("failures, explained in French", () => {
  it("wrong password → invalid_grant explained, nothing to refresh, recorded as an OAuth error", async () => {
    const c = await claire();
    const result = await runTokenTestForActor(c, form({ password: "Mauvais-Mot-2026!" }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const r = result.data;
    expect(r.verdict.ok).toBe(false);
    expect(r.exchange.outcome).toBe("oauth_error");
    expect(r.exchange.status).toBe(400);
    expect(r.exchange.error).toMatchObject({ code: "invalid_grant", description: "Invalid user credentials" });
    expect(r.exchange.explanation?.title).toBe("Identifiant ou mot de passe refusé (invalid_grant)");
    expect(r.exchange.explanation?.text).toContain("l'identifiant ou le mot de passe est faux, ou le compte API n'est pas actif");
    expect(r.refreshAvailable).toBe(false);
    expect(JSON.stringify(r)).not.toContain("Mauvais-Mot-2026!");
    const run = await db().tokenTestRun.findFirstOrThrow({ where: { actorId: c.id } });
    expect(run).toMatchObject({ outcome: "oauth_error", httpStatus: 400, oauthError: "invalid_grant" });
  });

  it("non-JSON 200 → invalid response naming the problem; 500 → HTTP error", async () => {
    stub.behaviour.tokenMode = "non-json";
    const bad = await runTokenTestForActor(await claire(), form());
    expect(bad.ok && bad.data.exchange).toMatchObject({ outcome: "invalid_response", error: { problems: ["le corps n'est pas du JSON"] } });
    expect(bad.ok && bad.data.exchange.checks.find((c) => c.id === "json")).toMatchObject({ ok: false });
    stub.behaviour.tokenMode = "500";
    const down = await runTokenTestForActor(await claire(), form());
    expect(down.ok && down.data.exchange).toMatchObject({ outcome: "http_error", status: 500, explanation: { title: "Erreur du serveur (HTTP 500)" } });
  });

  it("a JWKS that does not match → signature invalid, verdict not OK", async () => {
    stub.behaviour.jwksMode = "other-key";
    const result = await runTokenTestForActor(await claire(), form());
    if (!result.ok) throw new Error(result.message);
    expect(result.data.exchange.outcome).toBe("success");
    expect(result.data.idToken?.signature.status).toBe("invalid");
    expect(result.data.verdict).toMatchObject({ ok: false, title: "Jeton obtenu, mais l'id_token n'est pas conforme" });
  });

  it("no discovery → signature unverifiable, reported as a remark", async () => {
    stub.behaviour.jwksMode = "404";
    const result = await runTokenTestForActor(await claire(), form());
    if (!result.ok) throw new Error(result.message);
    expect(result.data.idToken?.signature).toMatchObject({ status: "unverifiable" });
    expect(result.data.idToken?.signature.detail).toContain("HTTP 404");
    expect(result.data.verdict.ok).toBe(true);
    expect(result.data.verdict.warnings.some((w) => w.includes("signature non vérifiée"))).toBe(true);
  });

  it("the trainer's demo clock is not a clock fault: no warning, expiry by the console's clock", async () => {
    setClockOffsetMs(3_600_000);
    try {
      const result = await runTokenTestForActor(await claire(), form());
      if (!result.ok) throw new Error(result.message);
      expect(result.data.exchange.clock?.significant).toBe(false);
      const expiresAt = result.data.exchange.token!.expiresAtMs;
      expect(Math.abs(expiresAt - (nowMs() + 300_000))).toBeLessThan(5_000);
      expect(Math.abs(result.data.serverNowMs - nowMs())).toBeLessThan(5_000);
    } finally {
      setClockOffsetMs(0);
    }
  });

  it("a server clock 10 s ahead → clock warning with NTP advice", async () => {
    stub.behaviour.dateOffsetMs = 10_000;
    const result = await runTokenTestForActor(await claire(), form());
    if (!result.ok) throw new Error(result.message);
    expect(result.data.exchange.clock?.significant).toBe(true);
    expect(result.data.exchange.clock?.advice).toContain("NTP");
    expect(result.data.verdict.warnings.some((w) => w.startsWith("Horloge décalée"))).toBe(true);
  });
});

describe("the authenticated API call", () => {
  it("200 with a valid token; 403 insufficient_scope and 401 invalid_token parsed and explained", async () => {
    const c = await claire();
    const ok = await runTokenTestForActor(c, form({ apiUrl: stub.apiUrl }));
    expect(ok.ok && ok.data.apiCall).toMatchObject({ status: 200, ok: true, challenge: null });
    expect(ok.ok && ok.data.apiCall?.bodySnippet).toContain('"user":"api-demo-1"');

    const forbidden = await runTokenTestForActor(c, form({ apiUrl: `${stub.origin}/api/forbidden` }));
    expect(forbidden.ok && forbidden.data.apiCall).toMatchObject({
      status: 403,
      challenge: { realm: "stub", error: "insufficient_scope", scope: "dh7" },
      explanation: { title: "Droits insuffisants (HTTP 403, insufficient_scope)" },
    });

    stub.behaviour.apiRejectsAll = true;
    const rejected = await runTokenTestForActor(c, form({ apiUrl: stub.apiUrl }));
    expect(rejected.ok && rejected.data.apiCall).toMatchObject({
      status: 401,
      wwwAuthenticate: 'Bearer realm="stub", error="invalid_token", error_description="The access token is invalid or expired"',
      challenge: { error: "invalid_token", errorDescription: "The access token is invalid or expired" },
    });
    const run = await db().tokenTestRun.findFirstOrThrow({ where: { actorId: c.id }, orderBy: { createdAt: "desc" } });
    expect(run.apiCallStatus).not.toBeNull();
  });

  it("an API URL outside the environment goes through the outbound policy", async () => {
    const result = await runTokenTestForActor(await claire(), form({ apiUrl: "https://10.1.2.3/api" }));
    expect(result).toMatchObject({ ok: false, errors: { apiUrl: [expect.stringContaining("privée")] } });
    expect(await db().tokenTestRun.count()).toBe(0);
  });
});

describe("the refresh step", () => {
  it("refreshes with the kept refresh token, rotation included; only for the user who ran the test", async () => {
    const c = await claire();
    const run = await runTokenTestForActor(c, form());
    if (!run.ok) throw new Error(run.message);
    const runId = run.data.runId!;
    const first = await refreshTokenTestForActor(c, runId);
    expect(first.ok && first.data).toMatchObject({ rotated: true, refreshAvailable: true, verdict: { ok: true, title: "Jeton rafraîchi (nouveau refresh_token émis)" } });
    expect(first.ok && first.data.exchange.curl).toContain("--data-urlencode 'refresh_token=***'");
    expect(JSON.stringify(first)).not.toMatch(HEX64);
    const second = await refreshTokenTestForActor(c, runId); // uses the rotated refresh token
    expect(second.ok && second.data.verdict.ok).toBe(true);
    expect(stub.stats.refreshGrants).toBeGreaterThanOrEqual(2);

    const paul = await actor("autre@demo.fr");
    expect(await refreshTokenTestForActor(paul, runId)).toEqual({ ok: false, message: TESTER_MESSAGES.expired });
    expect(await refreshTokenTestForActor(c, "inconnu")).toEqual({ ok: false, message: TESTER_MESSAGES.expired });
  });

  it("a refused refresh token is explained and forgotten", async () => {
    const c = await claire();
    const run = await runTokenTestForActor(c, form());
    if (!run.ok) throw new Error(run.message);
    stub.revokeAll(); // as after a password change
    const refused = await refreshTokenTestForActor(c, run.data.runId!);
    expect(refused.ok && refused.data).toMatchObject({
      refreshAvailable: false,
      verdict: { ok: false, title: "Rafraîchissement refusé : Refresh token refusé (invalid_grant)" },
      exchange: { outcome: "oauth_error", error: { code: "invalid_grant", description: "Invalid refresh token" } },
    });
    expect(await refreshTokenTestForActor(c, run.data.runId!)).toEqual({ ok: false, message: TESTER_MESSAGES.expired });
  });
});

describe("custom URLs and the outbound policy", () => {
  it("refuses loopback unless the console allows it, private ranges always, plain http for a public host", async () => {
    const c = await claire();
    const before = stub.stats.tokenRequests;
    const loop = await runTokenTestForActor(c, form({ environment: "personnalise", customUrl: stub.tokenUrl }));
    expect(loop).toMatchObject({ ok: false, errors: { customUrl: ["Les adresses locales (loopback) ne sont pas autorisées sur cette console."] } });
    const privateRange = await runTokenTestForActor(c, form({ environment: "personnalise", customUrl: "https://192.168.1.10/oauth2/token" }));
    expect(privateRange).toMatchObject({ ok: false, errors: { customUrl: [expect.stringContaining("adresse privée")] } });
    const http = await runTokenTestForActor(c, form({ environment: "personnalise", customUrl: "http://connexion.exemple.fr/oauth2/token" }));
    expect(http).toMatchObject({ ok: false, errors: { customUrl: [expect.stringContaining("https")] } });
    const missing = await runTokenTestForActor(c, form({ environment: "personnalise", customUrl: "" }));
    expect(missing).toMatchObject({ ok: false, errors: { customUrl: ["Saisissez l'URL du point d'accès du jeton (…/oauth2/token)."] } });
    expect(await db().tokenTestRun.count()).toBe(0);
    expect(stub.stats.tokenRequests).toBe(before);
  });

  it("with loopback allowed, tests any RFC 6749 server, discovering its keys through the policy", async () => {
    process.env.OUTBOUND_ALLOW_LOOPBACK = "1";
    process.env.CONSOLE_BASE_URL = "https://console.exemple.fr"; // the stub is not the simulator here
    const before = stub.stats.tokenRequests;
    const result = await runTokenTestForActor(await claire(), form({ environment: "personnalise", customUrl: stub.tokenUrl, apiUrl: stub.apiUrl }));
    if (!result.ok) throw new Error(result.message);
    expect(stub.stats.tokenRequests - before).toBe(1);
    expect(result.data.environment).toEqual({ id: "personnalise", label: "URL personnalisée" });
    expect(result.data.idToken?.signature.status).toBe("valid");
    expect(result.data.apiCall?.status).toBe(200);
    const run = await db().tokenTestRun.findFirstOrThrow();
    expect(run.environment).toBe("personnalise");
  });

  it("against another token server, differences from the customs sample (sub, aud, acr, lifetime) are remarks, not failures", async () => {
    process.env.OUTBOUND_ALLOW_LOOPBACK = "1";
    process.env.CONSOLE_BASE_URL = "https://console.exemple.fr";
    stub.behaviour.idTokenStyle = "keycloak";
    const custom = await runTokenTestForActor(await claire(), form({ environment: "personnalise", customUrl: stub.tokenUrl }));
    if (!custom.ok) throw new Error(custom.message);
    expect(custom.data.verdict.ok).toBe(true);
    expect(custom.data.verdict.title).toBe("Jeton obtenu, avec des remarques");
    const remarks = custom.data.verdict.warnings.join("\n");
    for (const claim of ["sub", "aud", "acr", "exp = iat + 7200"]) expect(remarks).toContain(claim);
    expect(custom.data.idToken?.checks.filter((c) => c.level === "required").map((c) => c.id)).toEqual(["signature"]);

    // The same id_token from a customs environment (the simulator's reference): sub and aud are required there.
    process.env.CONSOLE_BASE_URL = stub.origin;
    const customs = await runTokenTestForActor(await claire(), form());
    if (!customs.ok) throw new Error(customs.message);
    expect(customs.data.verdict.ok).toBe(false);
    expect(customs.data.verdict.title).toBe("Jeton obtenu, mais l'id_token n'est pas conforme");
  });

  it("against another token server, an id_token whose signature does not verify still fails the run", async () => {
    process.env.OUTBOUND_ALLOW_LOOPBACK = "1";
    process.env.CONSOLE_BASE_URL = "https://console.exemple.fr";
    stub.behaviour.jwksMode = "other-key";
    const result = await runTokenTestForActor(await claire(), form({ environment: "personnalise", customUrl: stub.tokenUrl }));
    if (!result.ok) throw new Error(result.message);
    expect(result.data.idToken?.signature.status).not.toBe("valid");
    expect(result.data.verdict.ok).toBe(false);
    stub.behaviour.jwksMode = "404"; // no keys to verify it with: not verifiable, not conform
    const unverifiable = await runTokenTestForActor(await claire(), form({ environment: "personnalise", customUrl: stub.tokenUrl }));
    if (!unverifiable.ok) throw new Error(unverifiable.message);
    expect(unverifiable.data.idToken?.signature.status).toBe("unverifiable");
    expect(unverifiable.data.verdict.ok).toBe(false);
  });
});

describe("guards", () => {
  it("validates the form on the server (French messages, field by field)", async () => {
    const result = await runTokenTestForActor(await claire(), { environment: "lune", identifiant: " ", password: "", customUrl: "", apiUrl: "pas une url" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(["environment", "identifiant", "password"]);
    for (const payload of [null, "x", 42, []]) expect((await runTokenTestForActor(await claire(), payload)).ok).toBe(false);
  });

  it("hostile input never throws, never writes, and answers in French", async () => {
    const c = await claire();
    const ENGLISH = /\b(invalid|expected|received|required|must|too (small|big)|string|number)\b/i;
    await fc.assert(
      fc.asyncProperty(hostileRecord(["environment", "customUrl", "identifiant", "password", "apiUrl"]), hostileValue, async (input, runId) => {
        const result = await runTokenTestForActor(c, input);
        if (!result.ok) {
          expect(result.message).not.toMatch(ENGLISH);
          for (const messages of Object.values(result.errors ?? {})) for (const m of messages ?? []) expect(m).not.toMatch(ENGLISH);
        }
        const refreshed = await refreshTokenTestForActor(c, runId);
        expect(refreshed).toEqual({ ok: false, message: TESTER_MESSAGES.expired });
      }),
      { numRuns: 60 },
    );
    expect(await db().tokenTestRun.count()).toBe(0);
  });

  it("refuses users without access to API accounts", async () => {
    const collaborator = await db().user.create({ data: { email: "collab@demo.fr", name: "Collab", passwordHash: "x", role: "COLLABORATOR" }, select: { id: true, email: true, name: true, role: true } });
    expect(await runTokenTestForActor(collaborator, form())).toEqual({ ok: false, message: TESTER_MESSAGES.forbidden });
    expect(await refreshTokenTestForActor(collaborator, "x")).toEqual({ ok: false, message: TESTER_MESSAGES.forbidden });
  });

  it(`allows ${MAX_RUNS_PER_MINUTE} runs per minute per user, then asks to wait`, async () => {
    const c = await claire();
    for (let i = 0; i < MAX_RUNS_PER_MINUTE; i++) {
      const r = await runTokenTestForActor(c, form({ password: "faux" }));
      expect(r.ok).toBe(true);
    }
    expect(await runTokenTestForActor(c, form())).toEqual({ ok: false, message: TESTER_MESSAGES.tooMany });
    expect((await runTokenTestForActor(await actor("agent@douane.demo"), form())).ok).toBe(true);
  });

  it("prefills the identifiant only from an account the user may read", async () => {
    const account = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
    expect(await prefillIdentifiant(await claire(), account.id)).toBe("api-demo-1");
    expect(await prefillIdentifiant(await actor("autre@demo.fr"), account.id)).toBeNull();
    expect(await prefillIdentifiant(await claire(), "inconnu")).toBeNull();
    expect(await prefillIdentifiant(await claire(), undefined)).toBeNull();
  });
});
