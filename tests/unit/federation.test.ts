import { describe, expect, it } from "vitest";
import { AuthConfigError, DEFAULT_FEDERATION_SCOPES, endSessionUrl, normaliseIssuer, parseSignInMethods, type FederationConfig } from "@/lib/auth/federation";
import { signInNotice } from "@/lib/auth/sign-in-messages";

const OIDC = { OIDC_ISSUER: "https://proconnect.gouv.fr/api/v2/", OIDC_CLIENT_ID: "console", OIDC_CLIENT_SECRET: "s3cret" };

describe("sign-in methods from the environment", () => {
  it("credentials only by default; the federation when its three settings are given", () => {
    expect(parseSignInMethods({})).toEqual({ credentials: true, federation: null });
    expect(parseSignInMethods(OIDC)).toEqual({
      credentials: true,
      federation: { issuer: "https://proconnect.gouv.fr/api/v2", clientId: "console", clientSecret: "s3cret", scopes: DEFAULT_FEDERATION_SCOPES, emailsVerifiedByProvider: false },
    });
    expect(parseSignInMethods({ ...OIDC, AUTH_CREDENTIALS: "off", OIDC_EMAILS_VERIFIED: "on" })).toMatchObject({ credentials: false, federation: { emailsVerifiedByProvider: true } });
  });

  it("refuses what would leave the console half configured or locked", () => {
    expect(() => parseSignInMethods({ OIDC_ISSUER: OIDC.OIDC_ISSUER })).toThrow(AuthConfigError);
    expect(() => parseSignInMethods({ ...OIDC, OIDC_CLIENT_SECRET: "" })).toThrow(/vont ensemble/);
    expect(() => parseSignInMethods({ AUTH_CREDENTIALS: "off" })).toThrow(/personne ne pourrait se connecter/);
    expect(() => parseSignInMethods({ AUTH_CREDENTIALS: "peut-être" })).toThrow(/ni « on » ni « off »/);
    expect(() => parseSignInMethods({ ...OIDC, OIDC_SCOPES: "email profile" })).toThrow(/openid/);
    expect(() => parseSignInMethods({ ...OIDC, OIDC_SCOPES: "openid profile" })).toThrow(/email/);
  });

  it("an issuer is https, or http on loopback only; no query, fragment or credentials", () => {
    expect(normaliseIssuer("http://127.0.0.1:3190")).toBe("http://127.0.0.1:3190");
    expect(normaliseIssuer("https://auth.exemple.gouv.fr/")).toBe("https://auth.exemple.gouv.fr");
    for (const bad of ["http://auth.exemple.gouv.fr", "ftp://127.0.0.1", "https://a.fr/?x=1", "https://u:p@a.fr", "pas une url"]) {
      expect(() => normaliseIssuer(bad)).toThrow(AuthConfigError);
    }
  });
});

describe("the provider's sign-out URL", () => {
  const config: FederationConfig = { issuer: "https://idp.exemple.gouv.fr", clientId: "c", clientSecret: "s", scopes: "openid email", emailsVerifiedByProvider: false };
  const input = { idToken: "eyJ.x.y", postLogoutRedirectUri: "https://console.exemple.fr/login", state: "st4te" };
  const discovery = (body: unknown, status = 200) => (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

  it("carries the id_token, the way back and the state", async () => {
    const url = await endSessionUrl(config, input, discovery({ issuer: config.issuer, end_session_endpoint: "https://idp.exemple.gouv.fr/session/end?ui=fr" }));
    const parsed = new URL(url!);
    expect(parsed.origin + parsed.pathname).toBe("https://idp.exemple.gouv.fr/session/end");
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ ui: "fr", id_token_hint: "eyJ.x.y", post_logout_redirect_uri: "https://console.exemple.fr/login", state: "st4te" });
  });

  it("is null when the provider offers none, cannot be reached, or answers for another issuer", async () => {
    expect(await endSessionUrl(config, input, discovery({ issuer: config.issuer }))).toBeNull();
    expect(await endSessionUrl(config, input, discovery({}, 500))).toBeNull();
    expect(await endSessionUrl(config, input, (async () => Promise.reject(new TypeError("fetch failed"))) as typeof fetch)).toBeNull();
    expect(await endSessionUrl(config, input, discovery({ issuer: "https://autre.fr", end_session_endpoint: "https://autre.fr/end" }))).toBeNull();
    expect(await endSessionUrl(config, input, discovery({ issuer: config.issuer, end_session_endpoint: "javascript:alert(1)" }))).toBeNull();
    expect(await endSessionUrl(config, input, discovery({ issuer: config.issuer, end_session_endpoint: "http://idp.exemple.gouv.fr/end" }))).toBeNull();
  });
});

describe("what the sign-in page says", () => {
  it("explains a refusal, an unfinished provider sign-out and next-auth's errors in French", () => {
    expect(signInNotice({ erreur: "federation-refusee" })?.title).toBe("Vous n’avez pas accès à cette console");
    expect(signInNotice({ deconnexion: "locale" })?.tone).toBe("warning");
    expect(signInNotice({ error: "OAuthCallback" })?.title).toBe("Connexion ProConnect interrompue");
    expect(signInNotice({ error: "OAuthSignin" })?.title).toBe("ProConnect ne répond pas");
    expect(signInNotice({ error: "<script>" })?.title).toBe("Connexion impossible");
    expect(signInNotice({})).toBeNull();
  });
});
