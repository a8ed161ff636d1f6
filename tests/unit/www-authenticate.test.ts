import { describe, expect, it } from "vitest";
import { isInvalidTokenChallenge, parseBearerChallenge, parseWwwAuthenticate } from "@/lib/oauth-client/www-authenticate";

describe("parseWwwAuthenticate (RFC 7235 §4.1)", () => {
  it("reads RFC 6750 §3's examples", () => {
    expect(parseWwwAuthenticate('Bearer realm="example"')).toEqual({ challenges: [{ scheme: "Bearer", params: { realm: "example" }, token68: null }], problems: [] });
    expect(
      parseWwwAuthenticate('Bearer realm="example", error="invalid_token", error_description="The access token expired"').challenges[0]!.params,
    ).toEqual({ realm: "example", error: "invalid_token", error_description: "The access token expired" });
  });

  it("separates several challenges, with or without parameters, and token68", () => {
    const parsed = parseWwwAuthenticate('Basic realm="simple", Bearer, Negotiate abc123==, Bearer error=invalid_token,scope="a b"');
    expect(parsed.problems).toEqual([]);
    expect(parsed.challenges).toEqual([
      { scheme: "Basic", params: { realm: "simple" }, token68: null },
      { scheme: "Bearer", params: {}, token68: null },
      { scheme: "Negotiate", params: {}, token68: "abc123==" },
      { scheme: "Bearer", params: { error: "invalid_token", scope: "a b" }, token68: null },
    ]);
  });

  it("unescapes quoted-pairs, is case-insensitive on names, tolerates spaces around =", () => {
    const c = parseWwwAuthenticate('bearer REALM = "a \\"quoted\\" \\\\ value" ,  Error="x"').challenges[0]!;
    expect(c).toEqual({ scheme: "bearer", params: { realm: 'a "quoted" \\ value', error: "x" }, token68: null });
  });

  it("reports what is malformed instead of throwing", () => {
    expect(parseWwwAuthenticate('Bearer realm="unterminated').problems[0]).toContain("non terminée");
    expect(parseWwwAuthenticate("Bearer realm=").challenges[0]!.token68).toBe("realm=");
    expect(parseWwwAuthenticate('Bearer realm="a" error="b"').problems[0]).toContain("Virgule attendue");
    expect(parseWwwAuthenticate('Bearer realm="a", realm="b"').problems[0]).toContain("plusieurs fois");
    expect(parseWwwAuthenticate("=oops").problems).toHaveLength(1);
    expect(parseWwwAuthenticate("")).toEqual({ challenges: [], problems: [] });
    expect(parseWwwAuthenticate(null)).toEqual({ challenges: [], problems: [] });
  });
});

describe("parseBearerChallenge (RFC 6750 §3)", () => {
  it("returns the Bearer attributes among other schemes", () => {
    expect(parseBearerChallenge('Basic realm="x", Bearer realm="api", error="insufficient_scope", scope="dh7 gamma2", error_uri="https://doc"')).toEqual({
      realm: "api",
      scope: "dh7 gamma2",
      error: "insufficient_scope",
      errorDescription: null,
      errorUri: "https://doc",
      params: { realm: "api", error: "insufficient_scope", scope: "dh7 gamma2", error_uri: "https://doc" },
      problems: [],
    });
    expect(parseBearerChallenge('Basic realm="x"')).toBeNull();
    expect(parseBearerChallenge(null)).toBeNull();
  });

  it("flags characters RFC 6750 forbids in error_description", () => {
    expect(parseBearerChallenge('Bearer error="invalid_token", error_description="expiré"')!.problems[0]).toContain("error_description");
  });

  it("decides when a client must renew and retry", () => {
    expect(isInvalidTokenChallenge(401, 'Bearer error="invalid_token"')).toBe(true);
    expect(isInvalidTokenChallenge(401, 'Bearer realm="x", error=invalid_token')).toBe(true);
    expect(isInvalidTokenChallenge(401, 'Bearer realm="x"')).toBe(false);
    expect(isInvalidTokenChallenge(403, 'Bearer error="invalid_token"')).toBe(false);
    expect(isInvalidTokenChallenge(401, 'Bearer error="insufficient_scope"')).toBe(false);
    expect(isInvalidTokenChallenge(401, null)).toBe(false);
  });
});
