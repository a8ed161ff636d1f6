import { describe, expect, it } from "vitest";
import { parseForm } from "@/lib/oauth/form";
import { looksLikeOpaqueToken, parseBasicClient, parseScope, validateTokenRequest } from "@/lib/oauth/token-request";

const SPEC_BODY = "grant_type=password&client_id=gun-api&scope=openid&username=api-demo-1&password=Demo-Api-2026%21x";
const REFRESH = "a".repeat(64);

function validate(body: string, authorization: string | null = null) {
  const form = parseForm(body);
  if (!form.ok) throw new Error(form.reason);
  return validateTokenRequest(form.params, form.repeated, authorization);
}

const basic = (id: string, secret = "") => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${secret}`).toString("base64")}`;

describe("token request validation (RFC 6749 §4.3.2, §6, §5.2)", () => {
  it("accepts the guide's password request", () => {
    expect(validate(SPEC_BODY)).toEqual({
      ok: true,
      request: { grantType: "password", username: "api-demo-1", password: "Demo-Api-2026!x", scopeDiffers: false },
    });
  });

  it("accepts a refresh request, with or without scope", () => {
    expect(validate(`grant_type=refresh_token&client_id=gun-api&refresh_token=${REFRESH}`)).toEqual({
      ok: true,
      request: { grantType: "refresh_token", refreshToken: REFRESH, scopeDiffers: false },
    });
    expect(validate(`grant_type=refresh_token&client_id=gun-api&scope=openid&refresh_token=${REFRESH}`).ok).toBe(true);
  });

  it("accepts the client identified by HTTP Basic (§2.3.1) instead of client_id, and both when equal", () => {
    const body = "grant_type=password&scope=openid&username=u&password=p";
    expect(validate(body, basic("gun-api")).ok).toBe(true);
    expect(validate(`${body}&client_id=gun-api`, basic("gun-api", "ignored")).ok).toBe(true);
  });

  it("ignores unknown parameters, even repeated (§3.2)", () => {
    expect(validate(`${SPEC_BODY}&extra=1&extra=2`).ok).toBe(true);
  });

  it("returns scope only when more than openid was asked (§5.1)", () => {
    const result = validate(SPEC_BODY.replace("scope=openid", "scope=openid+profile"));
    expect(result.ok && result.request.scopeDiffers).toBe(true);
  });

  it.each([
    ["repeated username", `${SPEC_BODY}&username=other`, "invalid_request", /username/],
    ["repeated grant_type", `${SPEC_BODY}&grant_type=password`, "invalid_request", /grant_type/],
    ["repeated empty password", `${SPEC_BODY}&password=`, "invalid_request", /password/],
    ["missing grant_type", SPEC_BODY.replace("grant_type=password&", ""), "invalid_request", /grant_type/],
    ["empty grant_type (§3.1: treated as omitted)", SPEC_BODY.replace("grant_type=password", "grant_type="), "invalid_request", /grant_type/],
    ["missing client_id", SPEC_BODY.replace("client_id=gun-api&", ""), "invalid_request", /client_id/],
    ["other client_id", SPEC_BODY.replace("gun-api", "other"), "invalid_client", /gun-api/],
    ["unsupported grant", SPEC_BODY.replace("grant_type=password", "grant_type=client_credentials"), "unsupported_grant_type", /client_credentials/],
    ["authorization_code grant", SPEC_BODY.replace("grant_type=password", "grant_type=authorization_code"), "unsupported_grant_type", /password ou refresh_token/],
    ["missing scope (§3.3)", SPEC_BODY.replace("scope=openid&", ""), "invalid_scope", /openid/],
    ["scope without openid", SPEC_BODY.replace("scope=openid", "scope=profile"), "invalid_scope", /openid/],
    ["malformed scope", SPEC_BODY.replace("scope=openid", 'scope=openid+%22x%22'), "invalid_scope", /mal formé/],
    ["missing username", SPEC_BODY.replace("username=api-demo-1&", ""), "invalid_request", /username/],
    ["missing password", SPEC_BODY.replace("&password=Demo-Api-2026%21x", ""), "invalid_request", /password/],
    ["missing refresh_token", "grant_type=refresh_token&client_id=gun-api", "invalid_request", /refresh_token/],
    ["refresh scope without openid", `grant_type=refresh_token&client_id=gun-api&scope=email&refresh_token=${REFRESH}`, "invalid_scope", /openid/],
  ])("%s → 400 %s", (_label, body, error, description) => {
    const result = validate(body);
    expect(result).toMatchObject({ ok: false, status: 400, error });
    if (!result.ok) expect(result.description).toMatch(description);
  });

  it("answers 401 + a Basic challenge to a client authenticating with another identity in the header (§5.2)", () => {
    expect(validate(SPEC_BODY, basic("other"))).toMatchObject({ ok: false, status: 401, error: "invalid_client", basicChallenge: true });
    expect(validate(SPEC_BODY, "Basic !!!")).toMatchObject({ ok: false, status: 401, error: "invalid_client", basicChallenge: true });
    expect(validate(SPEC_BODY, "Bearer abc")).toMatchObject({ ok: false, status: 401, error: "invalid_client" });
  });

  it("refuses a body client_id that contradicts the header", () => {
    const body = "grant_type=password&client_id=other&scope=openid&username=u&password=p";
    expect(validate(body, basic("gun-api"))).toMatchObject({ ok: false, status: 400, error: "invalid_request" });
  });
});

describe("helpers", () => {
  it("parses HTTP Basic client credentials", () => {
    expect(parseBasicClient(null)).toBeNull();
    expect(parseBasicClient(basic("gun-api"))).toEqual({ ok: true, clientId: "gun-api" });
    expect(parseBasicClient(`basic ${Buffer.from("gun%2Dapi:s").toString("base64")}`)).toEqual({ ok: true, clientId: "gun-api" });
    expect(parseBasicClient(`Basic ${Buffer.from("no-colon").toString("base64")}`)).toEqual({ ok: false });
  });

  it("parses scopes (§3.3)", () => {
    expect(parseScope("openid")).toEqual(["openid"]);
    expect(parseScope("openid  openid profile")).toEqual(["openid", "profile"]);
    expect(parseScope(" ")).toBeNull();
    expect(parseScope("open\\id")).toBeNull();
  });

  it("recognises opaque tokens (64 lower-case hex chars)", () => {
    expect(looksLikeOpaqueToken("0123456789abcdef".repeat(4))).toBe(true);
    expect(looksLikeOpaqueToken("0123456789ABCDEF".repeat(4))).toBe(false);
    expect(looksLikeOpaqueToken("abc")).toBe(false);
  });
});
