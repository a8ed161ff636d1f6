import { describe, expect, it } from "vitest";
import { bearerChallenge, headerSafe, parseBearerAuthorization } from "@/lib/oauth/bearer";
import { accessTokenHash } from "@/lib/oauth/at-hash";

describe("Authorization: Bearer (RFC 6750 §2.1)", () => {
  const token = "0123456789abcdef".repeat(4);

  it("reads the token, the scheme being case-insensitive", () => {
    expect(parseBearerAuthorization(`Bearer ${token}`)).toEqual({ kind: "token", token });
    expect(parseBearerAuthorization(`bearer ${token}`)).toEqual({ kind: "token", token });
    expect(parseBearerAuthorization("Bearer abc.DEF-_~+/==")).toEqual({ kind: "token", token: "abc.DEF-_~+/==" });
  });

  it("treats no header and other schemes as no credentials (§3.1: no error code)", () => {
    expect(parseBearerAuthorization(null)).toEqual({ kind: "none" });
    expect(parseBearerAuthorization("  ")).toEqual({ kind: "none" });
    expect(parseBearerAuthorization("Basic Z3VuLWFwaTo=")).toEqual({ kind: "none", scheme: "Basic" });
  });

  it("flags a Bearer header without a well-formed token", () => {
    expect(parseBearerAuthorization("Bearer").kind).toBe("malformed");
    expect(parseBearerAuthorization("Bearer    ").kind).toBe("malformed");
    expect(parseBearerAuthorization("Bearer a b").kind).toBe("malformed");
    expect(parseBearerAuthorization('Bearer "quoted"').kind).toBe("malformed");
  });
});

describe("WWW-Authenticate (RFC 6750 §3)", () => {
  it("has only the realm when no credentials were sent", () => {
    expect(bearerChallenge({ realm: "api-douane-simulateur" })).toBe('Bearer realm="api-douane-simulateur"');
  });

  it("carries error and error_description", () => {
    expect(bearerChallenge({ realm: "r", error: "invalid_token", errorDescription: "The access token expired" })).toBe(
      'Bearer realm="r", error="invalid_token", error_description="The access token expired"',
    );
  });

  it("keeps quoted values within %x20-21 / %x23-5B / %x5D-7E", () => {
    expect(headerSafe('Jeton expiré "vraiment" \\ fin\n')).toBe("Jeton expire 'vraiment' ' fin'");
    const header = bearerChallenge({ realm: "r", error: "insufficient_scope", errorDescription: "Habilité ? « non »" });
    expect(header).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe("at_hash (OpenID Connect Core §3.1.3.6)", () => {
  it("matches the specification's RS256 example (Appendix A)", () => {
    expect(accessTokenHash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y", "RS256")).toBe("77QmUPtjPfzWtF2AnpK9RQ");
  });

  it("is the left half of SHA-512 for RS512 (vector computed with Python's hashlib)", () => {
    expect(accessTokenHash("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")).toBe("KG833ZUv9l73X_3Bg-c7M-ER0NFlLDNW5LxUxxSjTfg");
    expect(accessTokenHash("x")).toHaveLength(43); // 32 bytes, base64url without padding
  });

  it("refuses an algorithm it does not know", () => {
    expect(() => accessTokenHash("x", "HS256")).toThrow(/HS256/);
  });
});
