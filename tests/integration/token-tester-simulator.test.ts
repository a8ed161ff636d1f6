/**
 * The tester, the client and the CLI against the console's own OAuth 2.0 simulator (its real
 * handlers over real HTTP, tests/support/simulator-server.ts) and a real SQLite database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { TokenClient } from "@/lib/oauth-client";
import { resetTokenRateLimits } from "@/lib/oauth/token-endpoint";
import { refreshTokenTestForActor, runTokenTestForActor } from "@/lib/token-tester/service";
import { createTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { spawnCli, type CliRun } from "../support/cli";
import { startSimulatorServer, type SimulatorServer } from "../support/simulator-server";

const PASSWORD = "Demo-Api-2026!x";
let sim: SimulatorServer;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  sim = await startSimulatorServer();
});
afterAll(async () => {
  await sim.close();
  await dispose();
  delete process.env.CONSOLE_BASE_URL;
});
beforeEach(async () => {
  await resetToDemo();
  await resetTokenRateLimits();
});

const form = (over: Record<string, unknown> = {}) => ({ environment: "simulateur", customUrl: "", identifiant: "api-demo-1", password: PASSWORD, apiUrl: "", ...over });

describe("the tester against the simulator", () => {
  it("api-demo-1: every check green, id_token verified with the simulator's JWKS, example API 200, refresh with rotation", async () => {
    const claire = await actor("correspondant@demo.fr");
    const result = await runTokenTestForActor(claire, form({ apiUrl: sim.exampleApiUrl }));
    if (!result.ok) throw new Error(result.message);
    const r = result.data;
    expect(r.verdict).toEqual({ ok: true, title: "Jeton obtenu : la réponse est conforme au guide", warnings: [] });
    expect(r.exchange.checks.filter((c) => !c.ok)).toEqual([]);
    expect(r.idToken?.signature).toMatchObject({ status: "valid", jwksUri: `${sim.origin}/oauth2/jwks`, alg: "RS512" });
    expect(r.idToken?.checks.filter((c) => c.status !== "ok")).toEqual([]);
    expect(r.idToken?.claims).toMatchObject({ iss: sim.origin, sub: "api-demo-1", aud: ["gun-api"], azp: "gun-api", acr: "loa-2" });
    expect(r.apiCall).toMatchObject({ status: 200, ok: true });
    const refreshed = await refreshTokenTestForActor(claire, r.runId!);
    expect(refreshed.ok && refreshed.data).toMatchObject({ rotated: true, verdict: { ok: true } });
    expect(JSON.stringify([result, refreshed])).not.toContain(PASSWORD);
  });

  it("« Rafraîchir » clicked five times at once (on any instances): one refresh uses the token, the others are told to wait", async () => {
    const claire = await actor("correspondant@demo.fr");
    const run = await runTokenTestForActor(claire, form());
    if (!run.ok) throw new Error(run.message);
    expect(await db().tokenTestSecret.count()).toBe(1);
    expect(JSON.stringify(await db().tokenTestSecret.findMany())).not.toMatch(/"refreshCipher":"[0-9a-f]{64}"/); // sealed, never in clear
    const results = await Promise.all(Array.from({ length: 5 }, () => refreshTokenTestForActor(claire, run.data.runId!)));
    // While one refresh holds the run, the others are told to wait. One that starts after it ended
    // (a slow machine may not overlap all five) uses the rotated token: fine — what must never
    // happen is one refresh token used twice, which the simulator would detect as reuse (below).
    const refused = results.filter((r) => !r.ok);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(1);
    expect(refused.map((r) => r.message)).toEqual(Array(refused.length).fill(expect.stringContaining("déjà en cours")));
    // The chain is intact (no reuse detected by the simulator): the next refresh works too.
    const next = await refreshTokenTestForActor(claire, run.data.runId!);
    expect(next.ok && next.data).toMatchObject({ rotated: true, verdict: { ok: true } });
    expect(await db().auditEvent.count({ where: { action: "OAUTH_REFRESH_REUSED" } })).toBe(0);
    // Another person cannot use the run.
    expect((await refreshTokenTestForActor(await actor("autre@demo.fr"), run.data.runId!)).ok).toBe(false);
  });

  it("a wrong password: invalid_grant explained in French", async () => {
    const result = await runTokenTestForActor(await actor("correspondant@demo.fr"), form({ password: "Mauvais-2026!x" }));
    if (!result.ok) throw new Error(result.message);
    expect(result.data.exchange).toMatchObject({ outcome: "oauth_error", status: 400, error: { code: "invalid_grant" } });
    expect(result.data.exchange.explanation?.text).toContain("l'identifiant ou le mot de passe est faux");
  });

  it("a simulated API the account is not habilitated on: 403 insufficient_scope parsed", async () => {
    await db().api.upsert({
      where: { code: "DELTA_H7" },
      update: {},
      create: { code: "DELTA_H7", pathPrefix: "dh7", name: "DeltaH7", description: "x", contactEmail: "dh7@douane.demo", urlDelaySeconds: 14400 },
    });
    const result = await runTokenTestForActor(await actor("correspondant@demo.fr"), form({ apiUrl: `${sim.origin}/dh7/declarations` }));
    if (!result.ok) throw new Error(result.message);
    expect(result.data.apiCall).toMatchObject({ status: 403, challenge: { error: "insufficient_scope" } });
  });
});

describe("the tester's failures are limited per person (finding 4)", () => {
  it("one person's 20 failing tests block neither another person's valid test nor direct requests from the server's address", async () => {
    const paul = await actor("autre@demo.fr");
    const outcomes: (number | null)[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await runTokenTestForActor(paul, form({ password: `Mauvais-2026!${i}` }));
      if (!result.ok) throw new Error(result.message);
      outcomes.push(result.data.exchange.status);
    }
    // Paul's own tests are throttled after 5 failures on the identifiant (429 from the simulator)…
    expect(outcomes.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(outcomes.slice(5).every((s) => s === 429)).toBe(true);
    // …Claire's valid test, from the same server, is not.
    const claire = await runTokenTestForActor(await actor("correspondant@demo.fr"), form());
    expect(claire.ok && claire.data.exchange).toMatchObject({ outcome: "success", status: 200 });
    // Nor is a direct client on the server's own address (127.0.0.1).
    const direct = new TokenClient({ tokenUrl: sim.tokenUrl, username: "api-demo-1", password: PASSWORD });
    expect((await direct.getToken()).accessToken).toMatch(/^[0-9a-f]{64}$/);
    const audits = await db().auditEvent.findMany({ where: { action: "OAUTH_TOKEN_RATE_LIMITED" } });
    expect(audits.map((a) => JSON.parse(a.details!) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ limitedBy: "identifiant_client", testerUserId: paul.id, address: "127.0.0.1" }),
    ]);
  });

  it("a forged or replayed tester header counts for the request's own address", async () => {
    const forged = async (header: string) => {
      const response = await fetch(sim.tokenUrl, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "x-console-token-tester": header },
        body: new URLSearchParams({ grant_type: "password", client_id: "gun-api", scope: "openid", username: "api-demo-1", password: "faux" }),
      });
      return response.status;
    };
    for (let i = 0; i < 5; i++) expect(await forged(`v1.${Buffer.from(`u${i}`).toString("base64url")}.${Date.now()}.AAAA`)).toBe(400);
    // Five failures from 127.0.0.1 on api-demo-1: that address is now throttled on it, whatever header it sends next.
    expect(await forged("v1.eHg.1.AAAA")).toBe(429);
  });
});

describe("the client against the simulator", () => {
  it("200 concurrent calls to /example/api → 1 token request, 1 token issued by the simulator", async () => {
    const client = new TokenClient({ tokenUrl: sim.tokenUrl, username: "api-demo-1", password: PASSWORD });
    const responses = await Promise.all(Array.from({ length: 200 }, () => client.fetch(sim.exampleApiUrl)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(client.tokenRequestCount).toBe(1);
    expect(await db().oAuthToken.count({ where: { kind: "ACCESS" } })).toBe(1);
  });

  it("revoked token → invalid_token → renewed once → 200", async () => {
    const client = new TokenClient({ tokenUrl: sim.tokenUrl, username: "api-demo-1", password: PASSWORD });
    await client.getToken();
    await db().oAuthToken.updateMany({ data: { revokedAt: new Date() } });
    const response = await client.fetch(sim.exampleApiUrl);
    expect(response.status).toBe(200);
    expect(client.tokenRequestCount).toBe(2);
  });
});

function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return spawnCli(args, { stdin: options.stdin, env: { CONSOLE_BASE_URL: sim.origin, ...options.env } });
}

describe("the CLI against the simulator", () => {
  it("success → exit 0, the checklist all green, signature verified", async () => {
    const r = await cli(["get", "--env", "simulateur", "--username", "api-demo-1", "--api-url", sim.exampleApiUrl], { stdin: `${PASSWORD}\n` });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Test d'obtention d'un jeton — Simulateur (cette console)");
    expect(r.stdout).not.toMatch(/^\s+[✗⚠]/m);
    expect(r.stdout).toContain("Signature : ✔ valide");
    expect(r.stdout).toContain("Appel d'API : GET");
    expect(r.stdout).toContain("Verdict : ✔ Jeton obtenu : la réponse est conforme au guide");
    expect(r.stdout).not.toContain(PASSWORD);
  });

  it("wrong password → exit 1 with the French explanation", async () => {
    const r = await cli(["get", "--env", "simulateur", "--username", "api-demo-1", "--json"], { env: { DOUANE_PASSWORD: "Mauvais-2026!x" } });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.exchange.error.code).toBe("invalid_grant");
    expect(report.exchange.explanation.title).toBe("Identifiant ou mot de passe refusé (invalid_grant)");
  });

  it("bad usage → exit 2", async () => {
    const r = await cli(["get", "--env", "simulateur"], { stdin: PASSWORD });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--username obligatoire");
  });

  it("call --repeat 100 → one token from the simulator for 100 calls", async () => {
    const r = await cli(["call", sim.exampleApiUrl, "--env", "simulateur", "-u", "api-demo-1", "--repeat", "100"], { stdin: PASSWORD });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("HTTP 200 × 100");
    expect(r.stdout).toContain("Requêtes de jeton : 1");
  });
});
