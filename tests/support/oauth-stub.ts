/**
 * A small but real RFC 6749 password-grant server on 127.0.0.1 (node:http), for the tests of the
 * token client, the CLI and the tester: token endpoint (password + refresh_token grants, rotation),
 * OpenID discovery, JWKS, an RS512-signed id_token with at_hash, and a protected API answering
 * RFC 6750 §3 challenges. Every behaviour the tests need to provoke is a switch on `behaviour`.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";

export type StubBehaviour = {
  /** "customs": the id_token of the guide's sample; "keycloak": a stock OIDC server's (sub a UUID, no acr, 5 min). */
  idTokenStyle: "customs" | "keycloak";
  /** What the token endpoint does instead of its normal job. */
  tokenMode: "normal" | "non-json" | "500" | "array" | "missing-id-token" | "string-expires" | "redirect";
  /** Fail the next N token requests with HTTP 500 (then behave normally). */
  failNextTokenRequests: number;
  /** Delay before the token endpoint sends its headers, ms. */
  tokenDelayMs: number;
  /** Delay between the headers and the body of the token response, ms. */
  tokenBodyDelayMs: number;
  /** Seconds announced in expires_in. */
  expiresIn: number;
  /** The API rejects every token with invalid_token. */
  apiRejectsAll: boolean;
  /** Added to the Date header of every response, ms (a server whose clock is off). */
  dateOffsetMs: number;
  /** Extra latency of the API endpoint, ms. */
  apiDelayMs: number;
  /** "other-key": the JWKS publishes another key under the same kid; "404": no discovery. */
  jwksMode: "normal" | "other-key" | "404";
  /** Staggered latency: the n-th API call waits (n mod 20) × this many ms more. */
  apiDelayStepMs: number;
};

export type OAuthStub = {
  origin: string;
  tokenUrl: string;
  apiUrl: string;
  issuer: string;
  behaviour: StubBehaviour;
  stats: { tokenRequests: number; passwordGrants: number; refreshGrants: number; apiCalls: number; lastTokenRequest: { contentType: string | undefined; accept: string | undefined; fields: Array<[string, string]> } | null };
  /** Every access and refresh token issued so far becomes invalid (as after a password change). */
  revokeAll(): void;
  close(): Promise<void>;
};

export const STUB_DEFAULTS: Readonly<StubBehaviour> = {
  idTokenStyle: "customs",
  tokenMode: "normal",
  failNextTokenRequests: 0,
  tokenDelayMs: 0,
  tokenBodyDelayMs: 0,
  expiresIn: 300,
  apiRejectsAll: false,
  dateOffsetMs: 0,
  apiDelayMs: 0,
  apiDelayStepMs: 0,
  jwksMode: "normal",
};

/** Back to the defaults, every token issued so far revoked. */
export function resetStub(stub: OAuthStub): void {
  Object.assign(stub.behaviour, STUB_DEFAULTS);
  stub.revokeAll();
}

export const STUB_USERS: Record<string, string> = { "api-demo-1": "Demo-Api-2026!x", H7_API: "Autre-Secret-2026!" };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startOAuthStub(initial: Partial<StubBehaviour> = {}): Promise<OAuthStub> {
  const behaviour: StubBehaviour = { ...STUB_DEFAULTS, ...initial };
  const { publicKey, privateKey } = await generateKeyPair("RS512", { modulusLength: 2048 });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "stub-key-1", alg: "RS512", use: "sig" };
  const otherJwk: JWK = { ...(await exportJWK((await generateKeyPair("RS512", { modulusLength: 2048 })).publicKey)), kid: "stub-key-1", alg: "RS512", use: "sig" };
  const accessTokens = new Map<string, string>(); // token → username
  const refreshTokens = new Map<string, string>();
  const stats: OAuthStub["stats"] = { tokenRequests: 0, passwordGrants: 0, refreshGrants: 0, apiCalls: 0, lastTokenRequest: null };
  let origin = "";

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (behaviour.dateOffsetMs) res.setHeader("Date", new Date(Date.now() + behaviour.dateOffsetMs).toUTCString());
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(text);
  };

  async function issue(res: ServerResponse, username: string, key: CryptoKey) {
    const access = randomBytes(32).toString("hex");
    const refresh = randomBytes(32).toString("hex");
    accessTokens.set(access, username);
    refreshTokens.set(refresh, username);
    const iat = Math.floor(Date.now() / 1000);
    const atHash = createHash("sha512").update(access).digest().subarray(0, 32).toString("base64url");
    const keycloak = behaviour.idTokenStyle === "keycloak";
    const idToken = await new SignJWT(keycloak ? { azp: "gun-api", preferred_username: username, at_hash: atHash } : { acr: "loa-2", azp: "gun-api", auth_time: iat, at_hash: atHash })
      .setProtectedHeader({ alg: "RS512", typ: "JWT", kid: jwk.kid! })
      .setIssuer(origin)
      .setSubject(keycloak ? "f81d4fae-7dec-11d0-a765-00a0c91e6bf6" : username)
      .setAudience(keycloak ? "account" : ["gun-api"])
      .setIssuedAt(iat)
      .setExpirationTime(iat + (keycloak ? 300 : 7200))
      .sign(key);
    const body: Record<string, unknown> = { access_token: access, expires_in: behaviour.expiresIn, token_type: "Bearer", refresh_token: refresh, id_token: idToken };
    if (behaviour.tokenMode === "missing-id-token") delete body.id_token;
    if (behaviour.tokenMode === "string-expires") body.expires_in = String(behaviour.expiresIn);
    if (behaviour.dateOffsetMs) res.setHeader("Date", new Date(Date.now() + behaviour.dateOffsetMs).toUTCString());
    res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store", Pragma: "no-cache" });
    if (behaviour.tokenBodyDelayMs) {
      res.flushHeaders();
      await sleep(behaviour.tokenBodyDelayMs);
    }
    res.end(JSON.stringify(body));
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    stats.tokenRequests++;
    const raw = await readBody(req);
    const form = new URLSearchParams(raw);
    stats.lastTokenRequest = { contentType: req.headers["content-type"], accept: req.headers.accept, fields: [...form.entries()] };
    if (behaviour.tokenDelayMs) await sleep(behaviour.tokenDelayMs);
    if (behaviour.failNextTokenRequests > 0) {
      behaviour.failNextTokenRequests--;
      return send(res, 500, "<html>Erreur interne</html>", { "Content-Type": "text/html" });
    }
    switch (behaviour.tokenMode) {
      case "non-json":
        return send(res, 200, "<html><body>Bienvenue</body></html>", { "Content-Type": "text/html" });
      case "500":
        return send(res, 500, "Internal Server Error", { "Content-Type": "text/plain" });
      case "array":
        return send(res, 200, "[]");
      case "redirect":
        res.writeHead(302, { Location: `${origin}/login` });
        return res.end();
    }
    if (req.headers["content-type"] !== "application/x-www-form-urlencoded") {
      return send(res, 400, { error: "invalid_request", error_description: "Content-Type must be application/x-www-form-urlencoded" });
    }
    if (form.get("client_id") !== "gun-api") return send(res, 400, { error: "invalid_client", error_description: "Unknown client" });
    const grant = form.get("grant_type");
    if (grant === "password") {
      stats.passwordGrants++;
      if (!(form.get("scope") ?? "").split(" ").includes("openid")) return send(res, 400, { error: "invalid_scope", error_description: "openid scope required" });
      const username = form.get("username") ?? "";
      if (STUB_USERS[username] === undefined || STUB_USERS[username] !== form.get("password")) {
        return send(res, 400, { error: "invalid_grant", error_description: "Invalid user credentials" });
      }
      return issue(res, username, privateKey);
    }
    if (grant === "refresh_token") {
      stats.refreshGrants++;
      const presented = form.get("refresh_token") ?? "";
      const username = refreshTokens.get(presented);
      if (!username) return send(res, 400, { error: "invalid_grant", error_description: "Invalid refresh token" });
      refreshTokens.delete(presented); // rotation
      return issue(res, username, privateKey);
    }
    return send(res, 400, { error: "unsupported_grant_type", error_description: `grant_type ${grant ?? "(absent)"} not supported` });
  }

  async function api(req: IncomingMessage, res: ServerResponse) {
    const n = stats.apiCalls++;
    const delay = behaviour.apiDelayMs + (n % 20) * behaviour.apiDelayStepMs;
    if (delay) await sleep(delay);
    const auth = req.headers.authorization ?? "";
    const match = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(auth);
    if (!match) return send(res, 401, { message: "authentification requise" }, { "WWW-Authenticate": 'Bearer realm="stub"' });
    if (behaviour.apiRejectsAll || !accessTokens.has(match[1]!)) {
      return send(res, 401, { message: "jeton invalide" }, { "WWW-Authenticate": 'Bearer realm="stub", error="invalid_token", error_description="The access token is invalid or expired"' });
    }
    if (req.url?.startsWith("/api/forbidden")) {
      return send(res, 403, { message: "non habilité" }, { "WWW-Authenticate": 'Bearer realm="stub", error="insufficient_scope", scope="dh7"' });
    }
    return send(res, 200, { ok: true, user: accessTokens.get(match[1]!) });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const run = async () => {
      if (req.method === "POST" && path === "/oauth2/token") return token(req, res);
      if (behaviour.jwksMode === "404" && (path === "/.well-known/openid-configuration" || path === "/jwks")) return send(res, 404, { error: "not_found" });
      if (req.method === "GET" && path === "/.well-known/openid-configuration") {
        return send(res, 200, {
          issuer: origin,
          token_endpoint: `${origin}/oauth2/token`,
          jwks_uri: `${origin}/jwks`,
          grant_types_supported: ["password", "refresh_token"],
          id_token_signing_alg_values_supported: ["RS512"],
        });
      }
      if (req.method === "GET" && path === "/jwks") return send(res, 200, { keys: [behaviour.jwksMode === "other-key" ? otherJwk : jwk] });
      if (path.startsWith("/api")) return api(req, res);
      return send(res, 404, { error: "not_found" });
    };
    run().catch((error) => {
      res.destroy(error as Error);
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    tokenUrl: `${origin}/oauth2/token`,
    apiUrl: `${origin}/api/resource`,
    issuer: origin,
    behaviour,
    stats,
    revokeAll: () => {
      accessTokens.clear();
      refreshTokens.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
