/**
 * The token client against real HTTP servers on 127.0.0.1 (tests/support/oauth-stub.ts and raw
 * node:http servers): no mocked fetch.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  HttpStatusError,
  MalformedTokenResponseError,
  OAuthErrorResponse,
  TokenClient,
  TokenNetworkError,
  TokenRejectedError,
  TokenTimeoutError,
  type TokenClientConfig,
} from "@/lib/oauth-client";
import { STUB_USERS, resetStub, startOAuthStub, type OAuthStub } from "../support/oauth-stub";

let stub: OAuthStub;

beforeAll(async () => {
  stub = await startOAuthStub();
});
afterAll(() => stub.close());
afterEach(() => resetStub(stub));

function client(over: Partial<TokenClientConfig> = {}) {
  return new TokenClient({ tokenUrl: stub.tokenUrl, username: "api-demo-1", password: STUB_USERS["api-demo-1"]!, ...over });
}

function counters() {
  return { token: stub.stats.tokenRequests, api: stub.stats.apiCalls };
}

describe("the token request", () => {
  it("is the SPEC's request: form-encoded password grant with gun-api / openid, JSON accepted", async () => {
    const c = client();
    const token = await c.getToken();
    expect(token.tokenType).toBe("Bearer");
    expect(token.expiresIn).toBe(300);
    expect(token.accessToken).toMatch(/^[0-9a-f]{64}$/);
    expect(token.refreshToken).toMatch(/^[0-9a-f]{64}$/);
    expect(token.idToken?.split(".")).toHaveLength(3);
    expect(stub.stats.lastTokenRequest).toEqual({
      contentType: "application/x-www-form-urlencoded",
      accept: "application/json",
      fields: [
        ["grant_type", "password"],
        ["client_id", "gun-api"],
        ["scope", "openid"],
        ["username", "api-demo-1"],
        ["password", "Demo-Api-2026!x"],
      ],
    });
  });
});

describe("single flight (mutualisation du jeton)", () => {
  it("1,000 concurrent fetch calls through one client → exactly 1 token request", async () => {
    const before = counters();
    const c = client();
    const responses = await Promise.all(Array.from({ length: 1000 }, () => c.fetch(stub.apiUrl)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    await Promise.all(responses.map((r) => r.arrayBuffer()));
    expect(stub.stats.tokenRequests - before.token).toBe(1);
    expect(stub.stats.apiCalls - before.api).toBe(1000);
    expect(c.tokenRequestCount).toBe(1);
  });

  it("a slow token server still gets one request from 200 concurrent getToken calls, all served the same token", async () => {
    stub.behaviour.tokenDelayMs = 150;
    const before = counters();
    const c = client();
    const tokens = await Promise.all(Array.from({ length: 200 }, () => c.getToken()));
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(stub.stats.tokenRequests - before.token).toBe(1);
  });

  it("reuses the cached token for later calls without asking again", async () => {
    const c = client();
    const a = await c.getToken();
    const b = await c.getToken();
    await (await c.fetch(stub.apiUrl)).arrayBuffer();
    expect(b).toBe(a);
    expect(c.tokenRequestCount).toBe(1);
  });
});

describe("renewal", () => {
  it("renews after expiry and within the safety margin, by the injected clock", async () => {
    let now = Date.parse("2026-03-01T10:00:00Z");
    const c = client({ clock: () => now, safetyMarginSeconds: 30 });
    const first = await c.getToken();
    expect(first.obtainedAtMs).toBe(now);
    expect(first.expiresAtMs).toBe(now + 300_000);

    now += 269_000; // 31 s before expiry: still fresh
    expect(await c.getToken()).toBe(first);
    expect(c.tokenRequestCount).toBe(1);

    now += 2_000; // 29 s before expiry: inside the margin → renewed
    const second = await c.getToken();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(c.tokenRequestCount).toBe(2);

    now += 301_000; // past expiry → renewed again
    const third = await c.getToken();
    expect(third.accessToken).not.toBe(second.accessToken);
    expect(c.tokenRequestCount).toBe(3);
  });

  it("caps the margin at half the lifetime (a 20 s token is not renewed at every call)", async () => {
    stub.behaviour.expiresIn = 20;
    let now = 1_000_000;
    const c = client({ clock: () => now, safetyMarginSeconds: 30 });
    const first = await c.getToken();
    now += 9_000;
    expect(await c.getToken()).toBe(first);
    now += 2_000;
    expect(await c.getToken()).not.toBe(first);
    expect(c.tokenRequestCount).toBe(2);
  });

  it("a renewal under load after expiry is still a single request", async () => {
    let now = 5_000_000;
    const c = client({ clock: () => now });
    await c.getToken();
    now += 400_000;
    const before = counters();
    const responses = await Promise.all(Array.from({ length: 300 }, () => c.fetch(stub.apiUrl)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(stub.stats.tokenRequests - before.token).toBe(1);
  });
});

describe("rejected tokens (RFC 6750 §3 invalid_token)", () => {
  it("invalid_token → drops the token, gets a new one and retries once → success", async () => {
    const c = client();
    const first = await c.getToken();
    stub.revokeAll(); // as after a password change on the server side
    const before = counters();
    const response = await c.fetch(stub.apiUrl);
    expect(response.status).toBe(200);
    expect(stub.stats.tokenRequests - before.token).toBe(1);
    expect(stub.stats.apiCalls - before.api).toBe(2);
    expect((await c.getToken()).accessToken).not.toBe(first.accessToken);
  });

  it("a second invalid_token → TokenRejectedError, no loop", async () => {
    stub.behaviour.apiRejectsAll = true;
    const c = client();
    await c.getToken();
    const before = counters();
    const error = await c.fetch(stub.apiUrl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRejectedError);
    const rejected = error as TokenRejectedError;
    expect(rejected.status).toBe(401);
    expect(rejected.challenge).toMatchObject({ realm: "stub", error: "invalid_token", errorDescription: "The access token is invalid or expired" });
    expect(stub.stats.apiCalls - before.api).toBe(2);
    expect(stub.stats.tokenRequests - before.token).toBe(1);
  });

  it("100 concurrent calls rejected with the same old token → one renewal, not a hundred", async () => {
    const c = client();
    await c.getToken();
    stub.revokeAll();
    // Staggered answers: some rejections arrive after the new token is cached; they must not drop it.
    stub.behaviour.apiDelayStepMs = 10;
    const before = counters();
    const responses = await Promise.all(Array.from({ length: 100 }, () => c.fetch(stub.apiUrl)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(stub.stats.tokenRequests - before.token).toBe(1);
  });

  it("returns other 401/403 answers as they are (no token in the request is not invalid_token; insufficient_scope is final)", async () => {
    const c = client();
    const forbidden = await c.fetch(`${stub.origin}/api/forbidden`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get("www-authenticate")).toContain("insufficient_scope");
    expect(c.tokenRequestCount).toBe(1);
  });

  it("keeps the caller's method, headers and body on the retry", async () => {
    const c = client();
    await c.getToken();
    stub.revokeAll();
    const response = await c.fetch(stub.apiUrl, { method: "POST", headers: { "X-Test": "1" }, body: JSON.stringify({ a: 1 }) });
    expect(response.status).toBe(200);
  });
});

describe("failures are typed, reported to every waiter, and never cached", () => {
  it("400 invalid_grant → OAuthErrorResponse with error and error_description, for all 50 waiters", async () => {
    const c = client({ password: "mauvais" });
    const before = counters();
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => c.getToken()));
    expect(stub.stats.tokenRequests - before.token).toBe(1);
    for (const r of results) {
      expect(r.status).toBe("rejected");
      const e = (r as PromiseRejectedResult).reason as OAuthErrorResponse;
      expect(e).toBeInstanceOf(OAuthErrorResponse);
      expect(e).toMatchObject({ kind: "oauth", status: 400, error: "invalid_grant", errorDescription: "Invalid user credentials" });
    }
  });

  it("a failed renewal does not poison the cache: the next call asks again and succeeds", async () => {
    stub.behaviour.failNextTokenRequests = 1;
    const c = client();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => c.getToken()));
    expect(results.every((r) => r.status === "rejected" && r.reason instanceof HttpStatusError && r.reason.status === 500)).toBe(true);
    expect(c.tokenRequestCount).toBe(1);
    const token = await c.getToken();
    expect(token.accessToken).toMatch(/^[0-9a-f]{64}$/);
    expect(c.tokenRequestCount).toBe(2);
  });

  it("non-JSON 200 → MalformedTokenResponseError saying what was malformed", async () => {
    stub.behaviour.tokenMode = "non-json";
    const error = (await client().getToken().catch((e: unknown) => e)) as MalformedTokenResponseError;
    expect(error).toBeInstanceOf(MalformedTokenResponseError);
    expect(error.status).toBe(200);
    expect(error.problems).toEqual(["le corps n'est pas du JSON"]);
  });

  it("a JSON array, a missing id_token, a string expires_in → malformed, each named", async () => {
    for (const [mode, problem] of [
      ["array", "le JSON est un tableau, pas un objet"],
      ["missing-id-token", "« id_token » absent"],
      ["string-expires", "« expires_in » : une chaîne au lieu d'un entier"],
    ] as const) {
      stub.behaviour.tokenMode = mode;
      const error = (await client().getToken().catch((e: unknown) => e)) as MalformedTokenResponseError;
      expect(error, mode).toBeInstanceOf(MalformedTokenResponseError);
      expect(error.problems, mode).toContain(problem);
    }
  });

  it("500 → HttpStatusError with the status", async () => {
    stub.behaviour.tokenMode = "500";
    const error = (await client().getToken().catch((e: unknown) => e)) as HttpStatusError;
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error).toMatchObject({ kind: "http", status: 500, bodySnippet: "Internal Server Error" });
  });

  it("a redirect is an error, never followed (the password is not re-posted elsewhere)", async () => {
    stub.behaviour.tokenMode = "redirect";
    const before = counters();
    const error = (await client().getToken().catch((e: unknown) => e)) as HttpStatusError;
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.status).toBe(302);
    expect(stub.stats.tokenRequests - before.token).toBe(1);
  });

  it("slow server vs timeout: no headers in time → TokenTimeoutError after about the timeout", async () => {
    stub.behaviour.tokenDelayMs = 3_000;
    const started = performance.now();
    const error = await client({ timeoutMs: 200 }).getToken().catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TokenTimeoutError);
    expect((error as TokenTimeoutError).timeoutMs).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(2_500);
  });

  it("slow body vs timeout: headers on time, body late → TokenTimeoutError too", async () => {
    stub.behaviour.tokenBodyDelayMs = 3_000;
    const error = await client({ timeoutMs: 300 }).getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenTimeoutError);
  });

  it("a slow server within the timeout is fine", async () => {
    stub.behaviour.tokenDelayMs = 100;
    const token = await client({ timeoutMs: 2_000 }).getToken();
    expect(token.tokenType).toBe("Bearer");
  });

  it("connection refused → TokenNetworkError ECONNREFUSED", async () => {
    const closed: Server = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const error = (await client({ tokenUrl: `http://127.0.0.1:${port}/oauth2/token` }).getToken().catch((e: unknown) => e)) as TokenNetworkError;
    expect(error).toBeInstanceOf(TokenNetworkError);
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.message).toContain("connexion refusée");
  });
});

describe("clock offset", () => {
  it("is measured from the Date header of the token response", async () => {
    stub.behaviour.dateOffsetMs = 10_000;
    const c = client();
    expect(c.clockOffset).toBeNull();
    await c.getToken();
    expect(c.clockOffset).not.toBeNull();
    expect(Math.abs(c.clockOffset!.offsetMs - 10_000)).toBeLessThanOrEqual(1_500);
  });

  it("is about zero for a server on time", async () => {
    const c = client();
    await c.getToken();
    expect(Math.abs(c.clockOffset!.offsetMs)).toBeLessThanOrEqual(1_500);
  });
});
