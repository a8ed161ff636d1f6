/**
 * Sign-in through an identity federation (OpenID Connect, ProConnect-style) — its configuration,
 * read once from the environment and checked at start-up (server.ts):
 *
 *   OIDC_ISSUER            the provider's issuer (its /.well-known/openid-configuration is read),
 *                          https — or http on a loopback address, for tests and training rooms
 *   OIDC_CLIENT_ID         the console's client at the provider
 *   OIDC_CLIENT_SECRET     its secret (client_secret_post, as ProConnect)
 *   OIDC_SCOPES            default "openid email given_name usual_name siret uid" (ProConnect's)
 *   OIDC_EMAILS_VERIFIED   "on" when the federation vouches for every email it sends (ProConnect's
 *                          are the agents' professional emails, checked by their identity
 *                          provider); otherwise a first sign-in is linked only if the userinfo
 *                          says `email_verified: true`
 *   AUTH_CREDENTIALS       "off": no email + password form, only the federation signs in
 *
 * Pure: `parseFederationConfig` takes the environment, so tests can pass any.
 */

export { FEDERATION_LABEL, FEDERATION_PROVIDER_ID } from "./federation-id";
export const DEFAULT_FEDERATION_SCOPES = "openid email given_name usual_name siret uid";

export type FederationConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  emailsVerifiedByProvider: boolean;
};

export type SignInMethods = {
  /** The email + password form (demo and training; on unless AUTH_CREDENTIALS=off). */
  credentials: boolean;
  federation: FederationConfig | null;
};

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthConfigError";
  }
}

type Env = Record<string, string | undefined>;

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

function flag(name: string, raw: string | undefined, byDefault: boolean): boolean {
  const value = raw?.trim().toLowerCase();
  if (value === undefined || value === "") return byDefault;
  if (["on", "1", "true", "oui"].includes(value)) return true;
  if (["off", "0", "false", "non"].includes(value)) return false;
  throw new AuthConfigError(`${name} : « ${raw} » n'est ni « on » ni « off ».`);
}

/** An issuer URL as OpenID Connect requires it: https, no query nor fragment (http on loopback only). */
export function normaliseIssuer(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AuthConfigError(`OIDC_ISSUER : « ${raw} » n'est pas une URL.`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new AuthConfigError("OIDC_ISSUER doit être une URL https (http n'est accepté que sur 127.0.0.1 / localhost).");
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new AuthConfigError("OIDC_ISSUER ne doit contenir ni paramètres, ni fragment, ni identifiants.");
  }
  return url.href.replace(/\/+$/, "");
}

export function parseSignInMethods(env: Env): SignInMethods {
  const credentials = flag("AUTH_CREDENTIALS", env.AUTH_CREDENTIALS, true);
  const issuer = env.OIDC_ISSUER?.trim() ?? "";
  const clientId = env.OIDC_CLIENT_ID?.trim() ?? "";
  const clientSecret = env.OIDC_CLIENT_SECRET ?? "";
  const given = [issuer, clientId, clientSecret].filter(Boolean).length;
  if (given > 0 && given < 3) {
    throw new AuthConfigError("Fédération d'identité : OIDC_ISSUER, OIDC_CLIENT_ID et OIDC_CLIENT_SECRET vont ensemble (l'un d'eux manque).");
  }
  const federation: FederationConfig | null =
    given === 3
      ? {
          issuer: normaliseIssuer(issuer),
          clientId,
          clientSecret,
          scopes: env.OIDC_SCOPES?.trim() || DEFAULT_FEDERATION_SCOPES,
          emailsVerifiedByProvider: flag("OIDC_EMAILS_VERIFIED", env.OIDC_EMAILS_VERIFIED, false),
        }
      : null;
  if (federation && !federation.scopes.split(/\s+/).includes("openid")) {
    throw new AuthConfigError("OIDC_SCOPES doit contenir « openid ».");
  }
  if (federation && !federation.scopes.split(/\s+/).includes("email")) {
    throw new AuthConfigError("OIDC_SCOPES doit contenir « email » : la première connexion rattache la personne par son email.");
  }
  if (!credentials && !federation) {
    throw new AuthConfigError("AUTH_CREDENTIALS=off sans fédération d'identité (OIDC_ISSUER…) : personne ne pourrait se connecter.");
  }
  return { credentials, federation };
}

let cached: SignInMethods | undefined;

/** The deployment's sign-in methods (process.env, read once; a bad setting throws AuthConfigError). */
export function signInMethods(): SignInMethods {
  cached ??= parseSignInMethods(process.env);
  return cached;
}

/** The provider's discovery document (only the fields the console uses). */
type Discovery = { issuer?: unknown; end_session_endpoint?: unknown };

const DISCOVERY_TIMEOUT_MS = 5_000;

/** Is `endpoint` a URL the console may send the browser to, for this issuer? (same rules as the issuer) */
function acceptableEndpoint(endpoint: unknown): endpoint is string {
  if (typeof endpoint !== "string" || endpoint.length > 2048) return false;
  try {
    const url = new URL(endpoint);
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

/**
 * Where to send the browser to end the provider's session (OpenID Connect RP-Initiated Logout):
 * its `end_session_endpoint` with the id_token of the sign-in, the console's sign-in page to come
 * back to and a state (ProConnect requires one). Null when the provider offers none or cannot be
 * reached: the console's own session is ended anyway.
 */
export async function endSessionUrl(
  config: FederationConfig,
  input: { idToken: string; postLogoutRedirectUri: string; state: string },
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  let discovery: Discovery;
  try {
    const response = await fetchImpl(`${config.issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
      headers: { Accept: "application/json" },
      redirect: "error",
    });
    if (!response.ok) return null;
    discovery = (await response.json()) as Discovery;
  } catch {
    return null;
  }
  if (typeof discovery?.issuer === "string" && discovery.issuer.replace(/\/+$/, "") !== config.issuer) return null;
  if (!acceptableEndpoint(discovery?.end_session_endpoint)) return null;
  const url = new URL(discovery.end_session_endpoint);
  url.searchParams.set("id_token_hint", input.idToken);
  url.searchParams.set("post_logout_redirect_uri", input.postLogoutRedirectUri);
  url.searchParams.set("state", input.state);
  return url.href;
}
