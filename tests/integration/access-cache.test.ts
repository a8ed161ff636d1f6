/**
 * The resource side's in-process cache of valid access tokens (lib/oauth/access-cache.ts) against a
 * real SQLite database: repeated calls are answered from memory, and a token revoked by a password
 * change, an account deletion or a refresh-token reuse, expired by the clock (demo clock
 * included), or whose habilitation was revoked, is refused by the very next call — whatever process
 * made the write.
 */
import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freezeClock, setClockOffsetMs } from "@/lib/clock";
import { databaseVersion } from "@/lib/db-changes";
import { changeAccountPassword } from "@/lib/accounts/service";
import { revokeHabilitation as revokeByCustoms } from "@/lib/habilitations/service";
import { handleTokenRequest, resetTokenRateLimits } from "@/lib/oauth/token-endpoint";
import { handleExampleApi, handleSimulatedApi } from "@/lib/oauth/resource";
import { accessCacheStats, clearAccessCache, hashToken } from "@/lib/oauth/tokens";
import { consoleBaseUrl } from "@/lib/oauth/environments";
import { testEngine, withTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { ensureCatalogueApis, habilitate, revokeHabilitation } from "../support/apis";
import { fromAddress } from "../support/client-address";

const DEMO = { username: "api-demo-1", password: "Demo-Api-2026!x" };
const T0 = new Date("2026-03-02T08:00:00.000Z");
const S = 1000;

let file: string;
withTestDatabase((created) => (file = created));
beforeEach(async () => {
  await resetToDemo();
  await ensureCatalogueApis(db());
  await habilitate(db(), await demoAccountId(), "DELTA_H7");
  await resetTokenRateLimits();
  freezeClock(T0);
  clearAccessCache();
});
afterEach(() => {
  freezeClock(null);
  setClockOffsetMs(0);
});

type TokenBody = { access_token: string; refresh_token: string };

let ip = 0;
function tokenRequest(fields: Record<string, string>): Request {
  ip += 1;
  return new Request(`${consoleBaseUrl()}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...fromAddress(`203.0.113.${ip % 250}`) },
    body: new URLSearchParams(fields).toString(),
  });
}

async function obtain(): Promise<TokenBody> {
  const response = await handleTokenRequest(
    tokenRequest({ grant_type: "password", client_id: "gun-api", scope: "openid", username: DEMO.username, password: DEMO.password }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as TokenBody;
}

function refresh(refreshToken: string): Promise<Response> {
  return handleTokenRequest(tokenRequest({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: refreshToken }));
}

function apiCall(accessToken: string, path = "/dh7/declarations"): Promise<Response> {
  const request = new Request(`${consoleBaseUrl()}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  const prefix = path.split("/")[1]!;
  return prefix === "example" ? handleExampleApi(request) : handleSimulatedApi(request, prefix);
}

async function demoAccountId(): Promise<string> {
  return (await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } })).id;
}

/** Calls until the token is served from memory (proves the cache is warm before the write under test). */
async function warm(accessToken: string, path = "/dh7/declarations"): Promise<void> {
  expect((await apiCall(accessToken, path)).status).toBe(200);
  const before = accessCacheStats().hits;
  expect((await apiCall(accessToken, path)).status).toBe(200);
  expect(accessCacheStats().hits).toBe(before + 1);
}

function challengeOf(response: Response): string {
  return response.headers.get("www-authenticate") ?? "";
}

/** A DateTime as the Prisma SQLite adapter stores it. */
function sqliteDate(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

/**
 * Runs SQL in ANOTHER process (as a CLI script or a test fixture would), with its own connection;
 * returns once this process has heard of it (SQLite: data_version, at once; PostgreSQL: the NOTIFY
 * of the commit, a few milliseconds later).
 */
async function sqlInOtherProcess(sql: string, ...params: string[]): Promise<void> {
  const before = databaseVersion();
  if (testEngine() === "postgresql") {
    const script = `const pg = require("pg"); const u = new URL(process.argv[1]);
      const c = new pg.Client({ host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1) });
      c.connect().then(() => c.query(process.argv[2], process.argv.slice(3))).then(() => c.end());`;
    let n = 0;
    execFileSync(process.execPath, ["-e", script, file, sql.replace(/\?/g, () => `$${++n}`), ...params], { cwd: process.cwd() });
  } else {
    const script = `const D = require("better-sqlite3"); const d = new D(process.argv[1]); d.prepare(process.argv[2]).run(...process.argv.slice(3)); d.close();`;
    execFileSync(process.execPath, ["-e", script, file, sql, ...params], { cwd: process.cwd() });
  }
  for (let i = 0; i < 100 && databaseVersion() === before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(databaseVersion()).not.toBe(before);
}

describe("the access-token cache", () => {
  it("answers repeated calls with one token from memory, on every API the account is habilitated on", async () => {
    const { access_token } = await obtain();
    await habilitate(db(), await demoAccountId(), "GAMMA2");
    for (const path of ["/dh7/a", "/gamma2/b", "/example/api", "/dh7/c", "/gamma2/d"]) {
      expect((await apiCall(access_token, path)).status, path).toBe(200);
    }
    expect(accessCacheStats()).toMatchObject({ misses: 1, hits: 4, size: 1 });
    expect((await apiCall(access_token, "/pnts/x")).status).toBe(403);
  });

  it("a password change: the cached token is refused by the next call", async () => {
    const { access_token } = await obtain();
    await warm(access_token);
    const result = await changeAccountPassword(await actor("correspondant@demo.fr"), await demoAccountId(), {
      password: "Nouveau-Secret-2026!",
      passwordConfirmation: "Nouveau-Secret-2026!",
      confirmSynchronized: true,
    });
    expect(result.ok).toBe(true);
    const call = await apiCall(access_token);
    expect(call.status).toBe(401);
    expect(challengeOf(call)).toContain('error_description="The access token was revoked"');
  });

  it("an account deletion: the cached token is refused by the next call", async () => {
    const { access_token } = await obtain();
    await warm(access_token);
    await db().apiAccount.delete({ where: { id: await demoAccountId() } });
    const call = await apiCall(access_token);
    expect(call.status).toBe(401);
    expect(challengeOf(call)).toContain('error_description="The access token is unknown"');
  });

  it("a refresh-token reuse revokes the chain: both cached access tokens are refused by the next call", async () => {
    const first = await obtain();
    const renewed = await refresh(first.refresh_token);
    expect(renewed.status).toBe(200);
    const second = (await renewed.json()) as TokenBody;
    await warm(first.access_token);
    await warm(second.access_token);
    expect((await refresh(first.refresh_token)).status).toBe(400);
    for (const token of [first.access_token, second.access_token]) {
      const call = await apiCall(token);
      expect(call.status).toBe(401);
      expect(challengeOf(call)).toContain("was revoked");
    }
  });

  it("expiry by the clock: refused at 300 s, with no database write in between", async () => {
    const { access_token } = await obtain();
    await warm(access_token);
    const version = databaseVersion();
    freezeClock(new Date(T0.getTime() + 299 * S));
    expect((await apiCall(access_token)).status).toBe(200);
    freezeClock(new Date(T0.getTime() + 300 * S));
    const call = await apiCall(access_token);
    expect(call.status).toBe(401);
    expect(challengeOf(call)).toContain("expired");
    expect(databaseVersion()).toBe(version);
  });

  it("expiry by the trainer's demo clock (an offset on real time)", async () => {
    freezeClock(null);
    const { access_token } = await obtain();
    await warm(access_token);
    setClockOffsetMs(301 * S);
    const call = await apiCall(access_token);
    expect(call.status).toBe(401);
    expect(challengeOf(call)).toContain("expired");
  });

  it("a revoked habilitation is refused (403) by the next call, and a new one is served at once", async () => {
    const accountId = await demoAccountId();
    const { access_token } = await obtain();
    await warm(access_token, "/dh7/x");
    expect((await apiCall(access_token, "/gamma2/x")).status).toBe(403);
    await revokeHabilitation(db(), accountId, "DELTA_H7");
    const denied = await apiCall(access_token, "/dh7/x");
    expect(denied.status).toBe(403);
    expect(challengeOf(denied)).toContain('error="insufficient_scope"');
    await habilitate(db(), accountId, "GAMMA2");
    expect((await apiCall(access_token, "/gamma2/x")).status).toBe(200);
  });

  it("a habilitation revoked by a customs agent (the console's own service) is refused by the next call", async () => {
    const { access_token } = await obtain();
    await warm(access_token, "/dh7/x");
    const api = await db().api.findUniqueOrThrow({ where: { code: "DELTA_H7" } });
    const habilitation = await db().habilitation.findUniqueOrThrow({
      where: { apiAccountId_apiId: { apiAccountId: await demoAccountId(), apiId: api.id } },
    });
    const result = await revokeByCustoms(await actor("agent@douane.demo"), habilitation.id, { reason: "Fin de la période de certification." });
    expect(result.ok).toBe(true);
    expect((await apiCall(access_token, "/dh7/x")).status).toBe(403);
  });

  it("a write made by another process (CLI, fixture) is seen by the next call: revoked, then expired", async () => {
    const a = await obtain();
    const b = await obtain();
    await warm(a.access_token);
    await warm(b.access_token);
    await sqlInOtherProcess('UPDATE "OAuthToken" SET "revokedAt" = ? WHERE "tokenHash" = ?', sqliteDate(T0), hashToken(a.access_token));
    expect(challengeOf(await apiCall(a.access_token))).toContain("was revoked");
    await warm(b.access_token);
    await sqlInOtherProcess('UPDATE "OAuthToken" SET "expiresAt" = ? WHERE "tokenHash" = ?', sqliteDate(new Date(T0.getTime() - S)), hashToken(b.access_token));
    expect(challengeOf(await apiCall(b.access_token))).toContain("expired");
  });

  it("under concurrent calls, every call that starts after a password change has returned is refused", async () => {
    const { access_token } = await obtain();
    await warm(access_token);
    const during = Array.from({ length: 30 }, () => apiCall(access_token));
    const change = changeAccountPassword(await actor("correspondant@demo.fr"), await demoAccountId(), {
      password: "Nouveau-Secret-2026!",
      passwordConfirmation: "Nouveau-Secret-2026!",
      confirmSynchronized: true,
    });
    const statuses = await Promise.all(during);
    expect(statuses.every((r) => r.status === 200 || r.status === 401)).toBe(true);
    expect((await change).ok).toBe(true);
    const after = await Promise.all(Array.from({ length: 30 }, () => apiCall(access_token)));
    expect(after.map((r) => r.status)).toEqual(Array(30).fill(401));
  });
});
