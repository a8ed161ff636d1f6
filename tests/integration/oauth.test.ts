/**
 * The OAuth 2.0 simulator's handlers called directly (a Request in, a Response out) against a real
 * SQLite database: what needs the clock, concurrency or the database itself. The wire-level
 * conformance suite against the running console is e2e/oauth.spec.ts.
 */
import { createHash, createPrivateKey } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { db } from "@/lib/db";
import { freezeClock, now } from "@/lib/clock";
import { decryptSecret } from "@/lib/crypto/secrets";
import { changeAccountPassword } from "@/lib/accounts/service";
import { handleTokenRequest, resetTokenRateLimits } from "@/lib/oauth/token-endpoint";
import { handleExampleApi, handleSimulatedApi } from "@/lib/oauth/resource";
import { handleJwks } from "@/lib/oauth/discovery";
import { ID_TOKEN_TTL_S, publishedKeys, rotateSigningKey } from "@/lib/oauth/signing-keys";
import { consoleBaseUrl } from "@/lib/oauth/environments";
import { withTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { ensureCatalogueApis, habilitate, revokeHabilitation } from "../support/apis";
import { tokenRequest } from "../support/token-request";

const DEMO = { username: "api-demo-1", password: "Demo-Api-2026!x" };
const T0 = new Date("2026-03-02T08:00:00.000Z");
const S = 1000;

withTestDatabase();
beforeEach(async () => {
  await resetToDemo();
  await ensureCatalogueApis(db());
  await resetTokenRateLimits();
  freezeClock(T0);
});
afterEach(() => freezeClock(null));

const passwordFields = (username = DEMO.username, password = DEMO.password) => ({
  grant_type: "password",
  client_id: "gun-api",
  scope: "openid",
  username,
  password,
});

type TokenBody = { access_token: string; refresh_token: string; id_token: string; expires_in: number; token_type: string };

async function obtain(username = DEMO.username, password = DEMO.password): Promise<TokenBody> {
  const response = await handleTokenRequest(tokenRequest(passwordFields(username, password)));
  expect(response.status).toBe(200);
  return (await response.json()) as TokenBody;
}

function refresh(refreshToken: string): Promise<Response> {
  return handleTokenRequest(tokenRequest({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: refreshToken }));
}

function apiCall(accessToken: string, path = "/example/api"): Promise<Response> {
  const request = new Request(`${consoleBaseUrl()}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  const prefix = path.split("/")[1]!;
  return prefix === "example" ? handleExampleApi(request) : handleSimulatedApi(request, prefix);
}

async function demoAccountId(): Promise<string> {
  return (await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } })).id;
}

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");

describe("issuing tokens", () => {
  it("stores only hashes, with expiries read from the clock module", async () => {
    const body = await obtain();
    const rows = await db().oAuthToken.findMany({ where: { apiAccountId: await demoAccountId() }, orderBy: { kind: "asc" } });
    expect(rows.map((r) => r.kind)).toEqual(["ACCESS", "REFRESH"]);
    const [access, refreshRow] = rows as [(typeof rows)[0], (typeof rows)[0]];
    expect(access.tokenHash).toBe(sha256(body.access_token));
    expect(refreshRow.tokenHash).toBe(sha256(body.refresh_token));
    expect(access.issuedAt).toEqual(T0);
    expect(access.authTime).toEqual(T0);
    expect(access.expiresAt).toEqual(new Date(T0.getTime() + 300 * S));
    expect(refreshRow.expiresAt).toEqual(new Date(T0.getTime() + 7200 * S));
    const dump = JSON.stringify(await db().oAuthToken.findMany());
    expect(dump).not.toContain(body.access_token);
    expect(dump).not.toContain(body.refresh_token);
  });

  it("signs the id_token with the persisted key: iat = auth_time = the clock, exp = iat + 7200", async () => {
    const body = await obtain();
    const header = decodeProtectedHeader(body.id_token);
    const keys = await db().signingKey.findMany();
    expect(keys).toHaveLength(1);
    expect(header).toEqual({ alg: "RS512", typ: "JWT", kid: keys[0]!.kid });
    const { payload } = await jwtVerify(body.id_token, createLocalJWKSet({ keys: await publishedKeys() }), {
      issuer: consoleBaseUrl(),
      audience: "gun-api",
      algorithms: ["RS512"],
      currentDate: now(),
    });
    const iat = T0.getTime() / 1000;
    expect(payload).toMatchObject({ sub: "api-demo-1", iat, auth_time: iat, exp: iat + 7200, acr: "loa-2", azp: "gun-api", aud: ["gun-api"] });
  });

  it("keeps the private key encrypted at rest (AES-256-GCM), RSA 2048 bits", async () => {
    await obtain();
    const key = await db().signingKey.findFirstOrThrow();
    expect(key.privateCipher).toMatch(/^v1\./);
    expect(key.privateCipher).not.toContain("PRIVATE KEY");
    const privateKey = createPrivateKey(decryptSecret(key.privateCipher));
    expect(privateKey.asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(2048);
    const publicJwk = JSON.parse(key.publicJwk) as Record<string, unknown>;
    expect(Object.keys(publicJwk).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
  });

  it("creates exactly one key when the first requests arrive together", async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, () => handleTokenRequest(tokenRequest(passwordFields()))));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(await db().signingKey.count()).toBe(1);
  });

  it("finds the account whatever the case of the identifiant; sub keeps the account's own spelling", async () => {
    const body = await obtain("API-Demo-1");
    const { payload } = await jwtVerify(body.id_token, createLocalJWKSet({ keys: await publishedKeys() }), { currentDate: now() });
    expect(payload.sub).toBe("api-demo-1");
  });
});

describe("access token lifetime (300 s, lib/clock.ts)", () => {
  it("is accepted until 300 s have passed, then refused as expired", async () => {
    const body = await obtain();
    freezeClock(new Date(T0.getTime() + 299 * S));
    expect((await apiCall(body.access_token)).status).toBe(200);
    freezeClock(new Date(T0.getTime() + 300 * S));
    const expired = await apiCall(body.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toBe(
      'Bearer realm="api-douane-simulateur", error="invalid_token", error_description="The access token expired"',
    );
  });
});

describe("refresh_token grant (RFC 6749 §6)", () => {
  it("issues a new pair with the original auth_time and spends the old refresh token", async () => {
    const first = await obtain();
    freezeClock(new Date(T0.getTime() + 600 * S));
    const response = await refresh(first.refresh_token);
    expect(response.status).toBe(200);
    const second = (await response.json()) as TokenBody;
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const { payload } = await jwtVerify(second.id_token, createLocalJWKSet({ keys: await publishedKeys() }), { currentDate: now() });
    expect(payload.auth_time).toBe(T0.getTime() / 1000);
    expect(payload.iat).toBe(T0.getTime() / 1000 + 600);
    expect((await apiCall(second.access_token)).status).toBe(200);
    const spent = await db().oAuthToken.findUniqueOrThrow({ where: { tokenHash: sha256(first.refresh_token) } });
    expect(spent.usedAt).toEqual(now());
  });

  it("treats a used refresh token as a breach (§10.4): invalid_grant, the chain revoked, an audit event", async () => {
    const first = await obtain();
    const second = (await (await refresh(first.refresh_token)).json()) as TokenBody;
    const reuse = await refresh(first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/déjà utilisé/) });
    expect((await apiCall(second.access_token)).status).toBe(401);
    expect((await refresh(second.refresh_token)).status).toBe(400);
    expect(await db().auditEvent.count({ where: { action: "OAUTH_REFRESH_REUSED", apiAccountId: await demoAccountId() } })).toBe(1);
  });

  it("spends a refresh token once even when 20 requests race for it", async () => {
    const first = await obtain();
    const responses = await Promise.all(Array.from({ length: 20 }, () => refresh(first.refresh_token)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(19);
    for (const r of responses.filter((x) => x.status === 400)) expect(((await r.json()) as { error: string }).error).toBe("invalid_grant");
    // Exactly one new pair was stored — and the reuse revoked the whole chain, that pair included
    // (the losers revoke after the winner committed it), on either engine.
    expect(await db().oAuthToken.count({ where: { apiAccountId: await demoAccountId() } })).toBe(4);
    const winner = (await responses.find((r) => r.status === 200)!.json()) as TokenBody;
    expect((await apiCall(winner.access_token)).status).toBe(401);
    expect(await db().oAuthToken.count({ where: { apiAccountId: await demoAccountId(), revokedAt: null } })).toBe(0);
  });

  it("expires after 2 h, and never later than 24 h after the password authentication", async () => {
    const first = await obtain();
    freezeClock(new Date(T0.getTime() + 7200 * S));
    expect(await (await refresh(first.refresh_token)).json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/expiré/) });

    let current = await obtain();
    const auth = now().getTime();
    for (let hour = 1; hour <= 23; hour += 1) {
      freezeClock(new Date(auth + hour * 3600 * S));
      const response = await refresh(current.refresh_token);
      expect(response.status).toBe(200);
      current = (await response.json()) as TokenBody;
    }
    const last = await db().oAuthToken.findUniqueOrThrow({ where: { tokenHash: sha256(current.refresh_token) } });
    expect(last.expiresAt).toEqual(new Date(auth + 24 * 3600 * S));
    freezeClock(new Date(auth + 24 * 3600 * S));
    expect((await refresh(current.refresh_token)).status).toBe(400);
  });

  it("refuses an access token presented as a refresh token, and garbage without touching the database", async () => {
    const body = await obtain();
    expect(await (await refresh(body.access_token)).json()).toMatchObject({ error: "invalid_grant" });
    expect(await (await refresh("not-a-token")).json()).toMatchObject({ error: "invalid_grant" });
  });
});

describe("immediate revocation (SPEC: a password change takes effect at once)", () => {
  it("a password change revokes access and refresh tokens", async () => {
    const body = await obtain();
    const claire = await actor("correspondant@demo.fr");
    const result = await changeAccountPassword(claire, await demoAccountId(), {
      password: "Nouveau-Secret-2026!",
      passwordConfirmation: "Nouveau-Secret-2026!",
      confirmSynchronized: true,
    });
    expect(result.ok).toBe(true);
    const call = await apiCall(body.access_token);
    expect(call.status).toBe(401);
    expect(call.headers.get("www-authenticate")).toContain('error_description="The access token was revoked"');
    expect(await (await refresh(body.refresh_token)).json()).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/révoqué/) });
    expect((await handleTokenRequest(tokenRequest(passwordFields()))).status).toBe(400);
    expect((await obtain(DEMO.username, "Nouveau-Secret-2026!")).token_type).toBe("Bearer");
  });

  it("no token obtained with the old password survives a password change racing grants, round after round (finding 1)", async () => {
    freezeClock(null); // real time: the grants and the change really overlap
    let obtainedTotal = 0;
    for (let round = 0; round < 6; round += 1) {
      await resetToDemo();
      const claire = await actor("correspondant@demo.fr");
      const accountId = await demoAccountId();
      const oldTokens: TokenBody[] = [];
      let changed = false;
      // Six clients asking for tokens with the old password, one after the other, until the change is done.
      const clients = Array.from({ length: 6 }, async (_, c) => {
        while (!changed) {
          const response = await handleTokenRequest(tokenRequest(passwordFields(), `10.77.${round}.${c}`));
          if (response.status === 200) oldTokens.push((await response.json()) as TokenBody);
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 40 + round * 15));
      const password = `Nouveau-Secret-2026!${round}`;
      const result = await changeAccountPassword(claire, accountId, { password, passwordConfirmation: password, confirmSynchronized: true });
      changed = true;
      expect(result, result.message).toMatchObject({ ok: true });
      await Promise.all(clients);
      obtainedTotal += oldTokens.length;
      const survivors: string[] = [];
      for (const token of oldTokens) {
        if ((await apiCall(token.access_token)).status === 200) survivors.push("access");
        if ((await refresh(token.refresh_token)).status === 200) survivors.push("refresh");
      }
      expect(survivors, `round ${round}: ${survivors.length} tokens (access or refresh) of ${oldTokens.length} grants still usable`).toEqual([]);
    }
    expect(obtainedTotal).toBeGreaterThan(0);
  });

  it("deleting the account deletes its tokens (cascade): they are refused at once", async () => {
    const body = await obtain();
    await db().apiAccount.delete({ where: { id: await demoAccountId() } });
    expect(await db().oAuthToken.count()).toBe(0);
    const call = await apiCall(body.access_token);
    expect(call.status).toBe(401);
    expect(call.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await refresh(body.refresh_token)).status).toBe(400);
  });
});

describe("simulated APIs and habilitations", () => {
  it("answers 200 on a habilitated API, 403 insufficient_scope elsewhere and once the habilitation is revoked", async () => {
    const accountId = await demoAccountId();
    await habilitate(db(), accountId, "DELTA_H7");
    const { access_token } = await obtain();
    const ok = await apiCall(access_token, "/dh7/declarations/42");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ api: { code: "DELTA_H7", name: "DeltaH7" }, account: "api-demo-1", path: "/dh7/declarations/42" });
    const denied = await apiCall(access_token, "/gamma2/mouvements");
    expect(denied.status).toBe(403);
    expect(denied.headers.get("www-authenticate")).toMatch(/^Bearer realm="api-douane-simulateur", error="insufficient_scope", error_description="[^"]+"$/);
    await revokeHabilitation(db(), accountId, "DELTA_H7");
    expect((await apiCall(access_token, "/dh7/declarations/42")).status).toBe(403);
  });

  it("answers 404 for a prefix whose API is not in the catalogue", async () => {
    await db().api.delete({ where: { code: "PNTS" } });
    const { access_token } = await obtain();
    expect((await apiCall(access_token, "/pnts/x")).status).toBe(404);
  });
});

describe("signing key rotation", () => {
  it("signs with the new key at once and publishes the old one until its id_tokens have expired", async () => {
    const before = await obtain();
    const oldKid = decodeProtectedHeader(before.id_token).kid!;
    freezeClock(new Date(T0.getTime() + 60 * S));
    const rotation = await rotateSigningKey();
    expect(rotation.retired).toEqual([oldKid]);
    const after = await obtain();
    expect(decodeProtectedHeader(after.id_token).kid).toBe(rotation.kid);

    const jwks = async () => ((await (await handleJwks()).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    expect(await jwks()).toEqual([rotation.kid, oldKid]);
    // The old id_token still verifies against the published set until it expires.
    const verified = await jwtVerify(before.id_token, createLocalJWKSet({ keys: await publishedKeys() }), { currentDate: now() });
    expect(verified.protectedHeader.kid).toBe(oldKid);

    freezeClock(new Date(T0.getTime() + (60 + ID_TOKEN_TTL_S - 1) * S));
    expect(await jwks()).toContain(oldKid);
    freezeClock(new Date(T0.getTime() + (60 + ID_TOKEN_TTL_S) * S));
    expect(await jwks()).toEqual([rotation.kid]);
    const next = await rotateSigningKey();
    expect(next.deleted).toEqual([oldKid]);
    expect(await db().signingKey.count()).toBe(2);
    expect(await db().auditEvent.count({ where: { action: "OAUTH_SIGNING_KEY_ROTATED" } })).toBe(2);
  });
});

describe("rate limiting of failed password grants", () => {
  it("5 failures for an identifiant from one address block that address on it (429 + Retry-After), audited; the holder elsewhere is never blocked", async () => {
    const accountId = await demoAccountId();
    const guesser = "198.18.7.7";
    for (let i = 1; i <= 5; i += 1) {
      const response = await handleTokenRequest(tokenRequest(passwordFields(DEMO.username, `faux-${i}`), guesser));
      expect(response.status).toBe(400);
    }
    const blocked = await handleTokenRequest(tokenRequest(passwordFields(), guesser));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("300");
    expect(blocked.headers.get("cache-control")).toBe("no-store");
    expect(await blocked.json()).toMatchObject({ error: "temporarily_unavailable", error_description: expect.stringMatching(/300 s/) });
    // The operator's software, from its own address, has not failed: it gets its token.
    expect((await handleTokenRequest(tokenRequest(passwordFields(), "203.0.113.200"))).status).toBe(200);

    const failures = await db().auditEvent.findMany({ where: { action: "OAUTH_TOKEN_FAILED", apiAccountId: accountId } });
    expect(failures).toHaveLength(5);
    expect(failures.every((f) => f.siret === "12345678200010")).toBe(true);
    const limited = await db().auditEvent.findMany({ where: { action: "OAUTH_TOKEN_RATE_LIMITED", apiAccountId: accountId } });
    expect(limited).toHaveLength(1);
    expect(JSON.parse(limited[0]!.details!)).toMatchObject({ limitedBy: "identifiant_client", identifiant: "api-demo-1", address: guesser, failures: 5, retryAfterSeconds: 300 });
    expect(JSON.stringify(await db().auditEvent.findMany())).not.toMatch(/faux-\d/);

    freezeClock(new Date(T0.getTime() + 299 * S));
    expect((await handleTokenRequest(tokenRequest(passwordFields(), guesser))).headers.get("retry-after")).toBe("1");
    freezeClock(new Date(T0.getTime() + 300 * S));
    expect((await handleTokenRequest(tokenRequest(passwordFields(), guesser))).status).toBe(200);
  });

  it("distributed guessing: past 50 failures for an identifiant, addresses that failed are refused, the others are not", async () => {
    for (let i = 0; i < 50; i += 1) {
      expect((await handleTokenRequest(tokenRequest(passwordFields(DEMO.username, "faux"), `10.9.${Math.floor(i / 200)}.${i % 200}`))).status).toBe(400);
    }
    expect((await handleTokenRequest(tokenRequest(passwordFields(), "10.9.0.1"))).status).toBe(429);
    expect((await handleTokenRequest(tokenRequest(passwordFields(), "203.0.113.201"))).status).toBe(200);
    const limited = await db().auditEvent.findMany({ where: { action: "OAUTH_TOKEN_RATE_LIMITED" } });
    expect(limited.map((e) => (JSON.parse(e.details!) as { limitedBy: string }).limitedBy)).toEqual(["identifiant"]);
  });

  it("blocks a client address after 20 failures, whatever the identifiants, and not the other addresses", async () => {
    const ip = "203.0.113.50";
    for (let i = 0; i < 20; i += 1) {
      expect((await handleTokenRequest(tokenRequest(passwordFields(`inconnu-${i}`, "x"), ip))).status).toBe(400);
    }
    const blocked = await handleTokenRequest(tokenRequest(passwordFields(), ip));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("900");
    expect((await handleTokenRequest(tokenRequest(passwordFields(), "203.0.113.51"))).status).toBe(200);
    const limited = await db().auditEvent.findMany({ where: { action: "OAUTH_TOKEN_RATE_LIMITED" } });
    expect(limited.map((e) => JSON.parse(e.details!) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ limitedBy: "client", address: ip, failures: 20 }),
    ]);
  });

  it("gives the same answer for an unknown identifiant and a wrong password", async () => {
    const unknown = await handleTokenRequest(tokenRequest(passwordFields("personne", DEMO.password)));
    const wrong = await handleTokenRequest(tokenRequest(passwordFields(DEMO.username, "mauvais")));
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.text()).toBe(await wrong.text());
    expect([...unknown.headers.entries()]).toEqual([...wrong.headers.entries()]);
  });
});
