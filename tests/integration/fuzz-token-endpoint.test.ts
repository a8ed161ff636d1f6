/**
 * Property-based tests (fast-check) of the token endpoint with random and hostile requests:
 * never a 5xx, always a JSON error object with an RFC 6749 §5.2 code, never a token for junk.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { handleTokenRequest, resetTokenRateLimits } from "@/lib/oauth/token-endpoint";
import { withTestDatabase } from "../support/test-db";
import { hostileString } from "../support/hostile";
import { fromAddress } from "../support/client-address";

const ERRORS = ["invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope", "temporarily_unavailable"];

withTestDatabase();
beforeEach(() => resetTokenRateLimits());

const contentType = fc.oneof(
  fc.constant("application/x-www-form-urlencoded"),
  fc.constant("application/x-www-form-urlencoded; charset=UTF-8"),
  fc.constantFrom("application/json", "multipart/form-data; boundary=x", "text/plain", ""),
  hostileString,
);

const field = fc.constantFrom("grant_type", "client_id", "scope", "username", "password", "refresh_token", "x");
const formBody = fc.array(fc.tuple(field, fc.oneof(hostileString, fc.constantFrom("password", "gun-api", "openid", "api-demo-1", "refresh_token"))), { maxLength: 8 }).map((pairs) =>
  pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"),
);
const body = fc.oneof(formBody, hostileString, fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("latin1")));

describe("POST /oauth2/token under random and hostile input", () => {
  it("never answers 5xx nor a token; errors are JSON with an RFC 6749 code", async () => {
    await fc.assert(
      fc.asyncProperty(contentType, body, fc.integer({ min: 1, max: 250 }), async (type, payload, address) => {
        const headers = new Headers(fromAddress(`198.18.${Math.floor(address / 250)}.${address}`));
        try {
          headers.set("content-type", type);
        } catch {
          // an invalid header value cannot even be sent
        }
        const response = await handleTokenRequest(new Request("http://127.0.0.1/oauth2/token", { method: "POST", headers, body: payload }));
        expect(response.status).toBeLessThan(500);
        expect(response.status).not.toBe(200);
        expect(response.headers.get("cache-control")).toBe("no-store");
        const json = (await response.json()) as { error?: unknown; access_token?: unknown };
        expect(ERRORS).toContain(json.error);
        expect(json.access_token).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
