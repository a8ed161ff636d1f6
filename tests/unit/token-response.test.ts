import { describe, expect, it } from "vitest";
import { inspectTokenResponse, jwtShapeProblem } from "@/lib/oauth-client/token-response";
import { clockOffsetFromDate, clockOffsetIsSignificant } from "@/lib/oauth-client/clock-offset";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const JWT = `${b64({ alg: "RS512", typ: "JWT" })}.${b64({ sub: "H7_API" })}.c2lnbmF0dXJl`;
const HEX = "a".repeat(64);
const good = { access_token: HEX, expires_in: 300, token_type: "Bearer", refresh_token: "b".repeat(64), id_token: JWT };
const inspect = (body: unknown, over: Partial<Parameters<typeof inspectTokenResponse>[0]> = {}) =>
  inspectTokenResponse({ status: 200, contentType: "application/json", cacheControl: "no-store", body: typeof body === "string" ? body : JSON.stringify(body), ...over });

describe("inspectTokenResponse: success per SPEC", () => {
  it("accepts the guide's response, every check green", () => {
    const v = inspect(good);
    expect(v.kind).toBe("token");
    expect(v.checks.every((c) => c.ok)).toBe(true);
    expect(v.checks.map((c) => c.id)).toEqual(["status", "content_type", "cache_control", "json", "object", "access_token", "expires_in", "token_type", "refresh_token", "id_token", "expires_in_300"]);
    if (v.kind === "token") expect(v.token).toEqual({ accessToken: HEX, tokenType: "Bearer", expiresIn: 300, refreshToken: "b".repeat(64), idToken: JWT, scope: null });
  });

  it("accepts token_type in any case, ignores unknown members", () => {
    expect(inspect({ ...good, token_type: "bearer", extra: 1 }).kind).toBe("token");
  });

  it.each([
    [{ ...good, access_token: 42 }, "« access_token » : un entier au lieu d'une chaîne"],
    [{ ...good, access_token: "" }, "« access_token » : chaîne vide"],
    [{ ...good, access_token: "a b" }, "« access_token » : caractères interdits dans un en-tête « Authorization: Bearer » (RFC 6750 §2.1)"],
    [{ ...good, expires_in: 300.5 }, "« expires_in » : un nombre décimal au lieu d'un entier"],
    [{ ...good, expires_in: "300" }, "« expires_in » : une chaîne au lieu d'un entier"],
    [{ ...good, expires_in: 0 }, "« expires_in » : 0 : doit être strictement positif"],
    [{ ...good, token_type: "MAC" }, "« token_type » : « MAC » au lieu de « Bearer »"],
    [{ ...good, refresh_token: undefined }, "« refresh_token » absent"],
    [{ ...good, id_token: "abc" }, "« id_token » : pas un JWT (1 partie(s) séparées par des points au lieu de 3)"],
    [{ ...good, id_token: null }, "« id_token » : null au lieu d'une chaîne"],
  ])("names what is malformed: %j", (body, problem) => {
    const v = inspect(body);
    expect(v.kind).toBe("malformed");
    if (v.kind === "malformed") expect(v.problems).toContain(problem);
  });

  it("non-JSON and non-object bodies", () => {
    const html = inspect("<html></html>", { contentType: "text/html" });
    expect(html).toMatchObject({ kind: "malformed", problems: ["le corps n'est pas du JSON"] });
    expect(html.checks.find((c) => c.id === "content_type")).toMatchObject({ ok: false, detail: "text/html" });
    expect(inspect([])).toMatchObject({ kind: "malformed", problems: ["le JSON est un tableau, pas un objet"] });
    expect(inspect("null")).toMatchObject({ kind: "malformed", problems: ["le JSON est null, pas un objet"] });
  });

  it("recommended items do not fail the verdict (no Cache-Control, expires_in ≠ 300)", () => {
    const v = inspect({ ...good, expires_in: 3600 }, { cacheControl: null });
    expect(v.kind).toBe("token");
    expect(v.checks.filter((c) => !c.ok).map((c) => [c.id, c.level])).toEqual([
      ["cache_control", "recommended"],
      ["expires_in_300", "recommended"],
    ]);
  });

  it("a refresh response may omit refresh_token and id_token (RFC 6749 §6)", () => {
    expect(inspect({ access_token: HEX, expires_in: 300, token_type: "Bearer" }, { grant: "refresh_token" }).kind).toBe("token");
  });
});

describe("inspectTokenResponse: errors", () => {
  it("400 + error → an OAuth error with its description", () => {
    const v = inspect({ error: "invalid_grant", error_description: "Bad credentials" }, { status: 400 });
    expect(v).toMatchObject({ kind: "oauth", oauth: { error: "invalid_grant", errorDescription: "Bad credentials", errorUri: null } });
    expect(v.checks.filter((c) => c.ok).map((c) => c.id)).toEqual(["error_status", "error_code"]);
  });

  it("a non-standard code or status is still an OAuth error, flagged", () => {
    const v = inspect({ error: "account_locked" }, { status: 403 });
    expect(v.kind).toBe("oauth");
    expect(v.checks.filter((c) => !c.ok).map((c) => c.id)).toEqual(["status", "error_status", "error_code"]);
  });

  it("any other status without an error object is an HTTP error", () => {
    expect(inspect("Internal Server Error", { status: 500 }).kind).toBe("http");
    expect(inspect({ message: "x" }, { status: 400 }).kind).toBe("http");
    expect(inspect(good, { status: 201 }).kind).toBe("http");
  });
});

describe("jwtShapeProblem", () => {
  it("accepts a JWS and explains anything else", () => {
    expect(jwtShapeProblem(JWT)).toBeNull();
    expect(jwtShapeProblem("a.b")).toContain("2 partie(s)");
    expect(jwtShapeProblem(`${b64({ typ: "JWT" })}.${b64({})}.sig`)).toBe("l'en-tête n'a pas d'algorithme (alg)");
    expect(jwtShapeProblem(`${b64({ alg: "RS512" })}.${b64([1])}.sig`)).toBe("la charge utile n'est pas un objet JSON");
    expect(jwtShapeProblem(`${b64({ alg: "RS512" })}.%%%.sig`)).toBe("la charge utile n'est pas du JSON encodé en base64url");
    expect(jwtShapeProblem(`${b64({ alg: "RS512" })}.${b64({})}.`)).toBe("la signature est vide ou n'est pas en base64url");
  });
});

describe("clock offset from the Date header", () => {
  it("compares the middle of the server's second with the middle of the request", () => {
    const sent = Date.parse("2026-03-01T10:00:00.000Z");
    const offset = clockOffsetFromDate("Sun, 01 Mar 2026 10:00:10 GMT", sent, sent + 200);
    expect(offset).toEqual({ offsetMs: 10_400, serverDate: "Sun, 01 Mar 2026 10:00:10 GMT", uncertaintyMs: 600 });
    expect(clockOffsetIsSignificant(offset)).toBe(true);
    expect(clockOffsetIsSignificant(clockOffsetFromDate("Sun, 01 Mar 2026 10:00:00 GMT", sent, sent + 100))).toBe(false);
    expect(clockOffsetIsSignificant(clockOffsetFromDate("Sun, 01 Mar 2026 09:59:57 GMT", sent, sent))).toBe(true);
  });

  it("ignores a missing or unreadable header", () => {
    expect(clockOffsetFromDate(null, 0, 0)).toBeNull();
    expect(clockOffsetFromDate("hier", 0, 0)).toBeNull();
  });
});
