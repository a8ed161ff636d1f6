/**
 * HTTP conformance suite of the customs side, against its own service (customs-service.ts: token
 * host and API host over TLS, trusted through NODE_EXTRA_CA_CERTS — no insecure flag anywhere):
 * OAuth 2.0 token endpoint (RFC 6749 §4.3, §5.1, §5.2, §6), OpenID Connect id_token and Discovery,
 * Bearer-protected simulated APIs (RFC 6750 §2.1, §3). Every call is a plain fetch, as a stock
 * client that knows nothing of this project would make it.
 */
import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from "jose";
import * as oidc from "openid-client";
import { CORRESPONDENT, login, resetDatabase } from "./support/helpers";
import {
  DEMO_API,
  callApi,
  expectNoStoreJson,
  expectOAuthError,
  form,
  freshAddress,
  oauthFixture,
  obtainTokens,
  passwordFields,
  postToken,
  rotateKey,
  type TokenSet,
} from "./support/oauth";

import { API, PORTAL, TOKEN } from "./support/hosts";

const SPEC_KEYS = ["access_token", "expires_in", "token_type", "refresh_token", "id_token"];
const HEX64 = /^[0-9a-f]{64}$/;
const PREFIXES = ["dh7", "gamma2", "deltaie", "pnts"] as const;
const REALM = 'realm="api-douane-simulateur"';

type Discovery = Record<string, unknown> & { issuer: string; token_endpoint: string; jwks_uri: string };

async function discovery(): Promise<Discovery> {
  const response = await fetch(`${TOKEN}/.well-known/openid-configuration`);
  expect(response.status).toBe(200);
  return (await response.json()) as Discovery;
}

/** OpenID Connect Core §3.1.3.6 for RS512, computed here independently of the server's code. */
function atHash(accessToken: string): string {
  return createHash("sha512").update(accessToken, "ascii").digest().subarray(0, 32).toString("base64url");
}

/** Verifies an id_token against the JWKS fetched over HTTP from the advertised jwks_uri. */
async function verifyIdToken(idToken: string, accessToken: string) {
  const config = await discovery();
  const { payload, protectedHeader } = await jwtVerify(idToken, createRemoteJWKSet(new URL(config.jwks_uri)), {
    issuer: config.issuer,
    audience: "gun-api",
    algorithms: ["RS512"],
    typ: "JWT",
  });
  expect(payload.at_hash).toBe(atHash(accessToken));
  return { payload, protectedHeader };
}

test.beforeAll(() => {
  resetDatabase();
  oauthFixture("setup");
});

test.describe("a stock OAuth 2.0 client, exactly as in the customs guide", () => {
  test("obtains a token with the guide's request and reuses it on several calls", async () => {
    const response = await fetch(`${TOKEN}/oauth2/token`, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: `grant_type=password&client_id=gun-api&scope=openid&username=api-demo-1&password=${encodeURIComponent("Demo-Api-2026!x")}`,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenSet;
    expect(body.token_type.toLowerCase()).toBe("bearer");
    for (const path of ["/example/api", "/dh7/declarations", "/example/api", "/dh7/declarations/2026-0001/statut"]) {
      const call = await fetch(`${API}${path}`, { headers: { Authorization: `Bearer ${body.access_token}`, Accept: "application/json" } });
      expect(call.status, path).toBe(200);
    }
  });
});

/**
 * openid-client (panva) — a certified OpenID Connect library that has never seen this project — run
 * against the simulator: it checks discovery (issuer match), the token responses (RFC 6749 §5.1),
 * the id_token's signature against the JWKS and its claims, and parses RFC 6750 challenges itself.
 */
test.describe("a stock OpenID Connect library (openid-client) that knows nothing of this project", () => {
  async function configure() {
    return oidc.discovery(new URL(TOKEN), "gun-api", { id_token_signed_response_alg: "RS512" }, oidc.None(), {
      // https, the local authority trusted by NODE_EXTRA_CA_CERTS; every id_token's signature checked against the JWKS.
      execute: [oidc.enableNonRepudiationChecks],
    });
  }

  test("discovers, obtains a token by the password grant, calls an API, refreshes", async () => {
    const config = await configure();
    expect(config.serverMetadata()).toMatchObject({ issuer: TOKEN, token_endpoint: `${TOKEN}/oauth2/token` });

    const tokens = await oidc.genericGrantRequest(config, "password", { ...DEMO_API, scope: "openid" });
    expect(tokens.access_token).toMatch(HEX64);
    expect(tokens.refresh_token).toMatch(HEX64);
    expect(tokens.expires_in).toBe(300);
    expect(tokens.token_type).toBe("bearer"); // the library normalises the case (RFC 6749 §7.1)
    expect(tokens.claims()).toMatchObject({ iss: TOKEN, sub: DEMO_API.username, aud: ["gun-api"], azp: "gun-api", acr: "loa-2" });

    const call = await oidc.fetchProtectedResource(config, tokens.access_token, new URL(`${API}/dh7/declarations`), "GET");
    expect(call.status).toBe(200);
    expect(await call.json()).toMatchObject({ account: DEMO_API.username, api: { code: "DELTA_H7" } });

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()?.sub).toBe(DEMO_API.username);
    const again = await oidc.fetchProtectedResource(config, refreshed.access_token, new URL(`${API}/example/api`), "GET");
    expect(again.status).toBe(200);

    // The spent refresh token: the library surfaces the server's invalid_grant.
    const reused = await oidc.refreshTokenGrant(config, tokens.refresh_token!).catch((error: unknown) => error);
    expect(reused).toBeInstanceOf(oidc.ResponseBodyError);
    expect(reused).toMatchObject({ status: 400, error: "invalid_grant" });
  });

  test("reads the errors as the RFCs define them: invalid_grant, invalid_token, insufficient_scope", async () => {
    const config = await configure();
    const refused = await oidc
      .genericGrantRequest(config, "password", { username: "inconnu-openid-client", password: "Mauvais-Mot-2026!", scope: "openid" })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(oidc.ResponseBodyError);
    expect(refused).toMatchObject({ status: 400, error: "invalid_grant", error_description: expect.any(String) });

    const { access_token } = await oidc.genericGrantRequest(config, "password", { ...DEMO_API, scope: "openid" });
    const challenge = async (token: string, path: string) => {
      const error = await oidc.fetchProtectedResource(config, token, new URL(`${API}${path}`), "GET").then(
        (response) => `no challenge, HTTP ${response.status}`,
        (caught: unknown) => caught,
      );
      expect(error, path).toBeInstanceOf(oidc.WWWAuthenticateChallengeError);
      const { cause, status } = error as oidc.WWWAuthenticateChallengeError;
      expect(cause).toHaveLength(1);
      const [first] = cause;
      return { status, scheme: first?.scheme, parameters: first?.parameters };
    };
    expect(await challenge("f".repeat(64), "/dh7/declarations")).toMatchObject({
      status: 401,
      scheme: "bearer",
      parameters: { realm: "api-douane-simulateur", error: "invalid_token", error_description: expect.any(String) },
    });
    expect(await challenge(access_token, "/gamma2/declarations")).toMatchObject({
      status: 403,
      scheme: "bearer",
      parameters: { realm: "api-douane-simulateur", error: "insufficient_scope" },
    });
  });
});

test.describe("token endpoint — password grant (RFC 6749 §4.3)", () => {
  test("success: 200, JSON object with exactly the guide's five keys, no-store headers (§5.1)", async () => {
    const response = await postToken(TOKEN, form(passwordFields()));
    expect(response.status).toBe(200);
    expectNoStoreJson(response);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(SPEC_KEYS);
    expect(body.access_token).toEqual(expect.stringMatching(HEX64));
    expect(body.refresh_token).toEqual(expect.stringMatching(HEX64));
    expect(body.access_token).not.toBe(body.refresh_token);
    expect(body.expires_in).toBe(300);
    expect(Number.isInteger(body.expires_in)).toBe(true);
    expect(body.token_type).toBe("Bearer");
    expect(body.id_token).toEqual(expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/));
  });

  test("id_token: RS512 with a kid, the guide's claims, signature checked against the JWKS fetched over HTTP, at_hash", async () => {
    const before = Math.floor(Date.now() / 1000);
    const body = await obtainTokens(TOKEN);
    const { payload, protectedHeader } = await verifyIdToken(body.id_token, body.access_token);
    expect(protectedHeader).toEqual({ alg: "RS512", typ: "JWT", kid: expect.any(String) });
    expect(Object.keys(payload).sort()).toEqual(["acr", "at_hash", "aud", "auth_time", "azp", "exp", "iat", "iss", "sub"]);
    expect(payload).toMatchObject({ acr: "loa-2", iss: TOKEN, sub: "api-demo-1", aud: ["gun-api"], azp: "gun-api" });
    expect(payload.iat).toBe(payload.auth_time);
    expect(payload.exp).toBe(payload.iat! + 7200);
    expect(payload.iat).toBeGreaterThanOrEqual(before - 5);
    expect(payload.iat).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 5);
  });

  test("a charset parameter and HTTP Basic client identification (§2.3.1) are accepted", async () => {
    const charset = await postToken(TOKEN, form(passwordFields()), { "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8" });
    expect(charset.status).toBe(200);
    const withoutClient = { grant_type: "password", scope: "openid", username: DEMO_API.username, password: DEMO_API.password };
    const basic = await postToken(TOKEN, form(withoutClient), { Authorization: `Basic ${Buffer.from("gun-api:").toString("base64")}` });
    expect(basic.status).toBe(200);
    expect(Object.keys(await basic.json())).toEqual(SPEC_KEYS);
  });

  test("a scope beyond openid is answered with the granted scope (§5.1)", async () => {
    const response = await postToken(TOKEN, form({ ...passwordFields(), scope: "openid profile" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ scope: "openid" });
  });

  const invalid: [string, () => Promise<Response>, number, string][] = [
    ["JSON body", () => postToken(TOKEN, JSON.stringify(passwordFields()), { "Content-Type": "application/json" }), 400, "invalid_request"],
    [
      "multipart body",
      () => {
        const data = new FormData();
        for (const [k, v] of Object.entries(passwordFields())) data.set(k, v);
        return fetch(`${TOKEN}/oauth2/token`, { method: "POST", body: data });
      },
      400,
      "invalid_request",
    ],
    ["no Content-Type", () => fetch(`${TOKEN}/oauth2/token`, { method: "POST", body: new Blob([form(passwordFields())]) }), 400, "invalid_request"],
    ["unsupported charset", () => postToken(TOKEN, form(passwordFields()), { "Content-Type": `application/x-www-form-urlencoded; charset=iso-8859-1` }), 400, "invalid_request"],
    ["repeated username", () => postToken(TOKEN, `${form(passwordFields())}&username=api-demo-1`), 400, "invalid_request"],
    ["repeated grant_type", () => postToken(TOKEN, `grant_type=password&${form(passwordFields())}`), 400, "invalid_request"],
    ["missing grant_type", () => postToken(TOKEN, form({ client_id: "gun-api", scope: "openid", username: "a", password: "b" })), 400, "invalid_request"],
    ["missing client_id", () => postToken(TOKEN, form({ grant_type: "password", scope: "openid", username: "a", password: "b" })), 400, "invalid_request"],
    ["missing username", () => postToken(TOKEN, form({ grant_type: "password", client_id: "gun-api", scope: "openid", password: "b" })), 400, "invalid_request"],
    ["missing password", () => postToken(TOKEN, form({ grant_type: "password", client_id: "gun-api", scope: "openid", username: "a" })), 400, "invalid_request"],
    ["empty password (§3.1: omitted)", () => postToken(TOKEN, form(passwordFields("api-demo-1", ""))), 400, "invalid_request"],
    ["malformed percent-encoding", () => postToken(TOKEN, `${form(passwordFields())}&x=%zz`), 400, "invalid_request"],
    ["body over 8 KiB", () => postToken(TOKEN, `${form(passwordFields())}&padding=${"a".repeat(9000)}`), 400, "invalid_request"],
    ["client_id other than gun-api", () => postToken(TOKEN, form({ ...passwordFields(), client_id: "mon-logiciel" })), 400, "invalid_client"],
    ["client_credentials grant", () => postToken(TOKEN, form({ ...passwordFields(), grant_type: "client_credentials" })), 400, "unsupported_grant_type"],
    ["authorization_code grant", () => postToken(TOKEN, form({ ...passwordFields(), grant_type: "authorization_code" })), 400, "unsupported_grant_type"],
    ["no scope", () => postToken(TOKEN, form({ grant_type: "password", client_id: "gun-api", username: "a", password: "b" })), 400, "invalid_scope"],
    ["scope without openid", () => postToken(TOKEN, form({ ...passwordFields(), scope: "profile" })), 400, "invalid_scope"],
    ["wrong password", () => postToken(TOKEN, form(passwordFields("api-demo-1", "Mauvais-Mot-2026!"))), 400, "invalid_grant"],
    ["unknown identifiant", () => postToken(TOKEN, form(passwordFields("compte-inexistant", "Demo-Api-2026!x"))), 400, "invalid_grant"],
  ];
  for (const [label, send, status, error] of invalid) {
    test(`${label} → ${status} ${error} (§5.2)`, async () => {
      await expectOAuthError(await send(), status, error);
    });
  }

  test("an unknown identifiant and a wrong password get exactly the same answer", async () => {
    const unknown = await postToken(TOKEN, form(passwordFields("compte-inexistant-2", "Demo-Api-2026!x")));
    const wrong = await postToken(TOKEN, form(passwordFields("api-demo-1", "Autre-Mauvais-2026!")));
    expect(unknown.status).toBe(wrong.status);
    expect(await unknown.text()).toBe(await wrong.text());
  });

  test("a client identifying as another client in the Authorization header → 401 invalid_client + WWW-Authenticate: Basic (§5.2)", async () => {
    const response = await postToken(TOKEN, form(passwordFields()), { Authorization: `Basic ${Buffer.from("autre-client:secret").toString("base64")}` });
    await expectOAuthError(response, 401, "invalid_client");
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm="[^"]+"$/);
  });

  test("GET on the token endpoint → 405 with Allow: POST (§3.2)", async () => {
    const response = await fetch(`${TOKEN}/oauth2/token?grant_type=password&client_id=gun-api`);
    await expectOAuthError(response, 405, "invalid_request");
    expect(response.headers.get("allow")).toBe("POST");
  });
});

test.describe("token endpoint — refresh_token grant (RFC 6749 §6)", () => {
  test("issues a new pair and rotates the refresh token; the old one is then invalid_grant", async () => {
    const first = await obtainTokens(TOKEN);
    const response = await postToken(TOKEN, form({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: first.refresh_token }));
    expect(response.status).toBe(200);
    expectNoStoreJson(response);
    const second = (await response.json()) as TokenSet;
    expect(Object.keys(second)).toEqual(SPEC_KEYS);
    expect(second.access_token).toMatch(HEX64);
    expect(second.refresh_token).toMatch(HEX64);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.expires_in).toBe(300);
    const { payload } = await verifyIdToken(second.id_token, second.access_token);
    const original = await verifyIdToken(first.id_token, first.access_token);
    expect(payload.auth_time).toBe(original.payload.auth_time);
    expect((await callApi(API, "/example/api", second.access_token)).status).toBe(200);

    const replay = await postToken(TOKEN, form({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: first.refresh_token }));
    await expectOAuthError(replay, 400, "invalid_grant");
  });

  test("unknown, expired, missing refresh tokens and a missing client_id are refused", async () => {
    await expectOAuthError(await postToken(TOKEN, form({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: "0".repeat(64) })), 400, "invalid_grant");
    await expectOAuthError(await postToken(TOKEN, form({ grant_type: "refresh_token", client_id: "gun-api" })), 400, "invalid_request");
    const tokens = await obtainTokens(TOKEN);
    await expectOAuthError(await postToken(TOKEN, form({ grant_type: "refresh_token", refresh_token: tokens.refresh_token })), 400, "invalid_request");
    oauthFixture("expire-token", { token: tokens.refresh_token });
    const expired = await expectOAuthError(
      await postToken(TOKEN, form({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: tokens.refresh_token })),
      400,
      "invalid_grant",
    );
    expect(expired.error_description).toContain("expiré");
  });
});

test.describe("discovery and JWKS (OpenID Connect Discovery 1.0)", () => {
  test("the configuration advertises the issuer, endpoints and RS512", async () => {
    const response = await fetch(`${TOKEN}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const config = (await response.json()) as Discovery;
    expect(config.issuer).toBe(TOKEN);
    expect(config.token_endpoint).toBe(`${TOKEN}/oauth2/token`);
    expect(config.jwks_uri).toBe(`${TOKEN}/oauth2/jwks`);
    expect(config.grant_types_supported).toEqual(["password", "refresh_token"]);
    expect(config.id_token_signing_alg_values_supported).toEqual(["RS512"]);
    expect(config.subject_types_supported).toEqual(["public"]);
    expect(config.scopes_supported).toContain("openid");
    expect(Array.isArray(config.response_types_supported)).toBe(true);
  });

  test("the JWKS holds public RSA keys only (≥ 2048 bits, alg RS512, use sig, kid)", async () => {
    const response = await fetch((await discovery()).jwks_uri);
    expect(response.status).toBe(200);
    const { keys } = (await response.json()) as { keys: JWK[] };
    expect(keys.length).toBeGreaterThanOrEqual(1);
    for (const key of keys) {
      expect(Object.keys(key).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
      expect(key).toMatchObject({ kty: "RSA", alg: "RS512", use: "sig", e: "AQAB" });
      expect(Buffer.from(key.n!, "base64url").length * 8).toBeGreaterThanOrEqual(2048);
    }
  });

  test("npm run oauth:rotate-key: new tokens use the new kid; the old key stays published and old id_tokens still verify", async () => {
    const before = await obtainTokens(TOKEN);
    const oldKid = decodeProtectedHeader(before.id_token).kid;
    const output = rotateKey();
    expect(output).toContain("Nouvelle clé de signature active");
    const after = await obtainTokens(TOKEN);
    const newKid = decodeProtectedHeader(after.id_token).kid;
    expect(newKid).not.toBe(oldKid);
    const { keys } = (await (await fetch(`${TOKEN}/oauth2/jwks`)).json()) as { keys: JWK[] };
    expect(keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    const jwks = createLocalJWKSet({ keys });
    expect((await jwtVerify(before.id_token, jwks)).protectedHeader.kid).toBe(oldKid);
    expect((await jwtVerify(after.id_token, jwks)).protectedHeader.kid).toBe(newKid);
    await verifyIdToken(after.id_token, after.access_token);
  });
});

test.describe("simulated customs APIs (RFC 6750)", () => {
  test("no Authorization → 401 + WWW-Authenticate: Bearer realm, without error code (§3, §3.1)", async () => {
    for (const path of ["/example/api", ...PREFIXES.map((p) => `/${p}/declarations`), "/dh7"]) {
      const response = await callApi(API, path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get("www-authenticate"), path).toBe(`Bearer ${REALM}`);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    const basic = await callApi(API, "/dh7/declarations", undefined, { headers: { Authorization: "Basic Z3VuLWFwaTo=" } });
    expect(basic.status).toBe(401);
    expect(basic.headers.get("www-authenticate")).toBe(`Bearer ${REALM}`);
  });

  test("invalid, expired or revoked token → 401 + Bearer error=\"invalid_token\", error_description (§3.1)", async () => {
    const pattern = new RegExp(`^Bearer ${REALM}, error="invalid_token", error_description="[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+"$`);
    for (const path of ["/example/api", ...PREFIXES.map((p) => `/${p}/declarations`)]) {
      const response = await callApi(API, path, "f".repeat(64));
      expect(response.status, path).toBe(401);
      expect(response.headers.get("www-authenticate"), path).toMatch(pattern);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ error: "invalid_token", error_description: expect.any(String) });
    }
    const tokens = await obtainTokens(TOKEN);
    expect((await callApi(API, "/dh7/declarations", tokens.access_token)).status).toBe(200);
    oauthFixture("expire-token", { token: tokens.access_token });
    const expired = await callApi(API, "/dh7/declarations", tokens.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toMatch(pattern);
    expect(expired.headers.get("www-authenticate")).toContain("expired");
  });

  test("a malformed Bearer header → 400 + error=\"invalid_request\" (§3.1)", async () => {
    const response = await callApi(API, "/example/api", undefined, { headers: { Authorization: "Bearer" } });
    expect(response.status).toBe(400);
    expect(response.headers.get("www-authenticate")).toMatch(new RegExp(`^Bearer ${REALM}, error="invalid_request", error_description="[^"]+"$`));
  });

  test("valid token: 200 on the habilitated API (DeltaH7), 403 insufficient_scope on the others (§3.1)", async () => {
    const { access_token } = await obtainTokens(TOKEN);
    const ok = await callApi(API, "/dh7/declarations/2026-0001", access_token, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ api: { code: "DELTA_H7", name: "DeltaH7" }, account: "api-demo-1", method: "POST", path: "/dh7/declarations/2026-0001" });
    expect(typeof body.message).toBe("string");
    for (const prefix of ["gamma2", "deltaie", "pnts"]) {
      const denied = await callApi(API, `/${prefix}/declarations`, access_token);
      expect(denied.status, prefix).toBe(403);
      expect(denied.headers.get("www-authenticate"), prefix).toMatch(new RegExp(`^Bearer ${REALM}, error="insufficient_scope", error_description="[^"]+"$`));
      expect(await denied.json()).toMatchObject({ error: "insufficient_scope", error_description: expect.stringContaining("n'est pas habilité") });
    }
  });

  test("an account without any habilitation reaches /example/api but no catalogue API", async () => {
    const { access_token } = await obtainTokens(TOKEN, "api-oauth-limite", "Oauth-Limite-2026!x");
    const example = await callApi(API, "/example/api", access_token);
    expect(example.status).toBe(200);
    expect(await example.json()).toMatchObject({ account: "api-oauth-limite", api: null });
    for (const prefix of PREFIXES) expect((await callApi(API, `/${prefix}/x`, access_token)).status).toBe(403);
  });

  test("console pages still require a session; the machine endpoints never redirect to /login", async () => {
    const page = await fetch(`${PORTAL}/comptes-api`, { redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/login");
    for (const path of ["/oauth2/jwks", "/.well-known/openid-configuration"]) {
      expect((await fetch(`${TOKEN}${path}`, { redirect: "manual" })).status).toBe(200);
      expect((await fetch(`${PORTAL}${path}`, { redirect: "manual" })).status).toBe(200);
    }
  });
});

test.describe("immediate revocation", () => {
  test("a password change in the console revokes the account's tokens at once", async ({ page }) => {
    const tokens = await obtainTokens(TOKEN, "api-oauth-mdp", "Oauth-Mdp-2026!x");
    expect((await callApi(API, "/example/api", tokens.access_token)).status).toBe(200);

    await login(page, CORRESPONDENT);
    await page.getByRole("link", { name: "api-oauth-mdp", exact: true }).click();
    await page.getByRole("button", { name: "Changer le mot de passe" }).click();
    await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("Oauth-Nouveau-2026!x");
    await page.getByLabel("Contrôle du mot de passe").fill("Oauth-Nouveau-2026!x");
    await page.getByLabel(/Je confirme que tous les systèmes/).check();
    await page.getByRole("button", { name: "Changer le mot de passe" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirmer le changement" }).click();
    await expect(page.getByText(/Le mot de passe a été changé/)).toBeVisible();

    const revoked = await callApi(API, "/example/api", tokens.access_token);
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(revoked.headers.get("www-authenticate")).toContain("revoked");
    await expectOAuthError(
      await postToken(TOKEN, form({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: tokens.refresh_token })),
      400,
      "invalid_grant",
    );
    await expectOAuthError(await postToken(TOKEN, form(passwordFields("api-oauth-mdp", "Oauth-Mdp-2026!x"))), 400, "invalid_grant");
    const renewed = await obtainTokens(TOKEN, "api-oauth-mdp", "Oauth-Nouveau-2026!x");
    expect((await callApi(API, "/example/api", renewed.access_token)).status).toBe(200);
  });

  test("deleting the account revokes its tokens at once", async () => {
    const tokens = await obtainTokens(TOKEN, "api-oauth-mdp", "Oauth-Nouveau-2026!x");
    oauthFixture("delete-account", { identifiant: "api-oauth-mdp" });
    const response = await callApi(API, "/example/api", tokens.access_token);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    await expectOAuthError(
      await postToken(TOKEN, form({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: tokens.refresh_token })),
      400,
      "invalid_grant",
    );
  });
});

test.describe("rate limiting of failed password grants", () => {
  test("5 failures for one identifiant from one client → 429 + Retry-After for that client, even with the right password; the holder elsewhere gets its token; audited", async () => {
    const guesser = freshAddress();
    for (let i = 1; i <= 5; i += 1) {
      await expectOAuthError(await postToken(TOKEN, form(passwordFields("api-oauth-limite", `Mauvais-${i}-2026!x`)), {}, guesser), 400, "invalid_grant");
    }
    const blocked = await postToken(TOKEN, form(passwordFields("API-OAUTH-LIMITE", "Oauth-Limite-2026!x")), {}, guesser);
    await expectOAuthError(blocked, 429, "temporarily_unavailable");
    const retryAfter = Number(blocked.headers.get("retry-after"));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect((await postToken(TOKEN, form(passwordFields("api-oauth-limite", "Oauth-Limite-2026!x")))).status).toBe(200);

    const failures = oauthFixture<{ siret: string; details: Record<string, unknown> }[]>("audit", { action: "OAUTH_TOKEN_FAILED", identifiant: "api-oauth-limite" });
    expect(failures).toHaveLength(5);
    expect(failures[0]).toMatchObject({ siret: "55555555600011", details: { identifiant: "api-oauth-limite", address: guesser } });
    const limited = oauthFixture<{ details: Record<string, unknown> }[]>("audit", { action: "OAUTH_TOKEN_RATE_LIMITED", identifiant: "api-oauth-limite" });
    expect(limited).toEqual([expect.objectContaining({ details: expect.objectContaining({ limitedBy: "identifiant_client", failures: 5, address: guesser }) })]);
    expect(JSON.stringify(failures)).not.toContain("Mauvais-");
  });

  test("20 failures from one client address → 429 for that address only", async () => {
    const address = freshAddress();
    for (let i = 0; i < 20; i += 1) {
      const response = await postToken(TOKEN, form(passwordFields(`inconnu-${i}`, "Mauvais-2026!x")), {}, address);
      expect(response.status).toBe(400);
    }
    const blocked = await postToken(TOKEN, form(passwordFields()), {}, address);
    await expectOAuthError(blocked, 429, "temporarily_unavailable");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await postToken(TOKEN, form(passwordFields()))).status).toBe(200);
    const limited = oauthFixture<{ details: Record<string, unknown> }[]>("audit", { action: "OAUTH_TOKEN_RATE_LIMITED" });
    expect(limited.some((e) => e.details.limitedBy === "client" && e.details.address === address)).toBe(true);
  });
});

test("the help pages document the simulator", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.goto("/aide/simulateur");
  const article = page.getByRole("article");
  await expect(article).toContainText(`${TOKEN}/oauth2/token`);
  for (const prefix of PREFIXES) await expect(article).toContainText(`${API}/${prefix}/`);
  await page.goto("/aide/oauth");
  await expect(page.getByRole("article")).toContainText("grant_type=password&client_id=gun-api&scope=openid");
  await expect(page.getByRole("article")).toContainText(DEMO_API.username);
});
