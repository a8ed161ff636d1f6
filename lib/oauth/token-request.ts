/**
 * Validation of a token request's parameters (pure): RFC 6749 §2.3.1 (client authentication),
 * §3.1 (empty = omitted, repeated = error), §3.3 (scope), §4.3.2 (password grant), §6 (refresh),
 * §5.2 (error codes). The order of the checks decides which error a bad request gets:
 * repeated parameter → client authentication header → grant_type → client_id → grant parameters.
 */
import { CLIENT_ID, SCOPE } from "./environments";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope";

export type TokenRequestError = {
  ok: false;
  status: 400 | 401;
  error: OAuthErrorCode;
  description: string;
  /** §5.2: a client that authenticated with the Authorization header gets 401 + WWW-Authenticate: Basic. */
  basicChallenge?: boolean;
};

export type PasswordGrant = { grantType: "password"; username: string; password: string; scopeDiffers: boolean };
export type RefreshGrant = { grantType: "refresh_token"; refreshToken: string; scopeDiffers: boolean };
export type TokenRequest = PasswordGrant | RefreshGrant;
export type TokenRequestResult = { ok: true; request: TokenRequest } | TokenRequestError;

/** The parameters this endpoint understands; any other one is ignored (§3.2). */
export const KNOWN_PARAMETERS = ["grant_type", "client_id", "client_secret", "scope", "username", "password", "refresh_token"] as const;

const OPAQUE_TOKEN = /^[0-9a-f]{64}$/;
/** §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

function invalid(error: OAuthErrorCode, description: string, status: 400 | 401 = 400, basicChallenge = false): TokenRequestError {
  return basicChallenge ? { ok: false, status, error, description, basicChallenge } : { ok: false, status, error, description };
}

/** §2.3.1: `Basic base64(urlencode(client_id) ":" urlencode(secret))`. null = no header. */
export function parseBasicClient(header: string | null): { ok: true; clientId: string } | { ok: false } | null {
  if (header === null || header.trim() === "") return null;
  const match = /^Basic +([A-Za-z0-9+/]+={0,2})$/i.exec(header.trim());
  if (!match) return { ok: false };
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon === -1) return { ok: false };
  try {
    return { ok: true, clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")) };
  } catch {
    return { ok: false };
  }
}

/** §3.3 scope → its tokens; null when syntactically invalid. */
export function parseScope(scope: string): string[] | null {
  const tokens = scope.split(" ").filter((t) => t !== "");
  if (tokens.length === 0 || !tokens.every((t) => SCOPE_TOKEN.test(t))) return null;
  return [...new Set(tokens)];
}

export function validateTokenRequest(params: Map<string, string>, repeated: readonly string[], authorization: string | null): TokenRequestResult {
  const repeatedKnown = repeated.filter((name) => (KNOWN_PARAMETERS as readonly string[]).includes(name));
  if (repeatedKnown.length > 0) {
    return invalid("invalid_request", `Le paramètre « ${repeatedKnown[0]} » est présent plusieurs fois ; chaque paramètre doit apparaître une seule fois (RFC 6749 §3.2).`);
  }
  // §3.1: a parameter sent without a value is treated as omitted.
  const get = (name: string): string | undefined => {
    const value = params.get(name);
    return value === undefined || value === "" ? undefined : value;
  };

  const basic = parseBasicClient(authorization);
  if (basic && !basic.ok) {
    return invalid("invalid_client", "En-tête Authorization illisible : le client public « gun-api » s'identifie par le paramètre client_id.", 401, true);
  }
  if (basic?.ok && basic.clientId !== CLIENT_ID) {
    return invalid("invalid_client", `Client inconnu : le client_id est toujours « ${CLIENT_ID} ».`, 401, true);
  }

  const grantType = get("grant_type");
  if (!grantType) return invalid("invalid_request", "Le paramètre grant_type est obligatoire (password ou refresh_token).");

  const bodyClient = get("client_id");
  if (basic?.ok && bodyClient !== undefined && bodyClient !== basic.clientId) {
    return invalid("invalid_request", "Le client_id du corps diffère de celui de l'en-tête Authorization.");
  }
  const clientId = bodyClient ?? (basic?.ok ? basic.clientId : undefined);
  if (clientId === undefined) return invalid("invalid_request", `Le paramètre client_id est obligatoire (valeur : « ${CLIENT_ID} »).`);
  if (clientId !== CLIENT_ID) return invalid("invalid_client", `Client inconnu : le client_id est toujours « ${CLIENT_ID} ».`);

  if (grantType !== "password" && grantType !== "refresh_token") {
    return invalid("unsupported_grant_type", `Type d'autorisation « ${grantType.slice(0, 64)} » non pris en charge : utilisez password ou refresh_token.`);
  }

  const scope = get("scope");
  let scopeDiffers = false;
  if (scope !== undefined) {
    const tokens = parseScope(scope);
    if (!tokens) return invalid("invalid_scope", "Le paramètre scope est mal formé (valeurs séparées par des espaces, RFC 6749 §3.3).");
    if (!tokens.includes(SCOPE)) return invalid("invalid_scope", `Le scope doit contenir « ${SCOPE} ».`);
    scopeDiffers = tokens.length > 1;
  }

  if (grantType === "password") {
    // §3.3: without scope the server "MUST either [use] a pre-defined default value or fail the request
    // indicating an invalid scope" — SPEC: the scope is always openid, so it is required.
    if (scope === undefined) return invalid("invalid_scope", `Le paramètre scope est obligatoire et doit contenir « ${SCOPE} ».`);
    const username = get("username");
    if (username === undefined) return invalid("invalid_request", "Le paramètre username (identifiant du compte API) est obligatoire.");
    const password = get("password");
    if (password === undefined) return invalid("invalid_request", "Le paramètre password (mot de passe du compte API) est obligatoire.");
    return { ok: true, request: { grantType, username, password, scopeDiffers } };
  }

  const refreshToken = get("refresh_token");
  if (refreshToken === undefined) return invalid("invalid_request", "Le paramètre refresh_token est obligatoire.");
  return { ok: true, request: { grantType, refreshToken, scopeDiffers } };
}

/** Quick shape check of an opaque token (64 lower-case hex chars) before any database lookup. */
export function looksLikeOpaqueToken(value: string): boolean {
  return OPAQUE_TOKEN.test(value);
}
