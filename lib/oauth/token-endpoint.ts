/**
 * POST /oauth2/token — the simulator's token endpoint (RFC 6749 §4.3 password grant, §6 refresh,
 * §5.1 success, §5.2 errors). Takes a Request, returns a Response: the route only delegates, and
 * integration tests call it directly.
 *
 * Abuse: failed password grants are counted in the database, shared by every instance, as "smart
 * lockout" does (lib/rate-limit/rules.ts): the guessing client on this identifiant, the client on any
 * identifiant, and a higher service-wide ceiling per identifiant that only stops clients that have
 * failed on it — a client that has not failed is never blocked, so knowing an identifiant is not
 * enough to stop its holder's software. Past a limit the endpoint answers 429 with Retry-After,
 * before any password check. The client is the request's address (lib/net/client-address.ts), or
 * the signed-in person for the console's own token tester (lib/rate-limit/client.ts). Every
 * failure and every block is audited.
 */
import { db } from "../db";
import { now, nowMs, wallClockMs } from "../clock";
import { recordAudit } from "../audit/audit";
import { timingDummyHash, verifyPassword } from "../auth/password";
import { checkFormContentType, MAX_FORM_BYTES, parseForm, readLimitedBody } from "./form";
import { jsonResponse, methodNotAllowed, NO_STORE_HEADERS, oauthErrorResponse } from "./http";
import { limiterClient, type LimiterClient } from "../rate-limit/client";
import { lockoutKeys, OAUTH_LOCKOUT, type Scope } from "../rate-limit/rules";
import { checkLockout, clearLockoutPair, clearNamespace, recordLockoutFailure } from "../rate-limit/store";
import { looksLikeOpaqueToken, validateTokenRequest, type PasswordGrant, type RefreshGrant } from "./token-request";
import { issueForPassword, redeemRefreshToken, type TokenResponseBody } from "./tokens";
import { SCOPE } from "./environments";
import { withRequestIssuer } from "./issuer";
import { log } from "../log";

export const TOKEN_REALM = "connexion-api-simulateur";

/** Forget every counted failure (tests; a trainer's scenario load, which recreates the accounts). */
export function resetTokenRateLimits(): Promise<void> {
  return clearNamespace(OAUTH_LOCKOUT.name);
}

/** Audit names of the three counters. */
const LIMITED_BY: Record<Scope, string> = { pair: "identifiant_client", client: "client", subject: "identifiant" };

// The dummy hash is computed once, ahead of the first unknown identifiant (equal timing from the start).
void timingDummyHash();

export const MESSAGES = {
  badCredentials: "Identifiant ou mot de passe incorrect (ou compte API inexistant).",
  badRefresh: {
    unknown: "Jeton de rafraîchissement inconnu.",
    expired: "Jeton de rafraîchissement expiré : redemandez un jeton avec grant_type=password.",
    revoked: "Jeton de rafraîchissement révoqué (mot de passe du compte changé ?) : redemandez un jeton avec grant_type=password.",
    reused:
      "Jeton de rafraîchissement déjà utilisé : chaque refresh_token ne sert qu'une fois. Par sécurité, les jetons issus de la même authentification sont révoqués.",
  },
  tooMany: (seconds: number) => `Trop d'échecs d'authentification : réessayez dans ${seconds} s.`,
} as const;

export async function handleTokenRequest(request: Request): Promise<Response> {
  try {
    // id_tokens name the issuer this request reached: the token host, or the portal (lib/oauth/issuer.ts).
    return await withRequestIssuer(request, () => tokenEndpoint(request));
  } catch (error) {
    // Never the request itself (it carries a password): only what failed.
    log.error("token_endpoint_error", { error: error instanceof Error ? error.message : "inconnue" });
    return oauthErrorResponse(500, "server_error", "Erreur interne du serveur d'autorisation : réessayez plus tard.");
  }
}

/** RFC 6749 §3.2: the token endpoint only takes POST. */
export function tokenEndpointWrongMethod(): Response {
  return methodNotAllowed("POST");
}

async function tokenEndpoint(request: Request): Promise<Response> {
  const contentType = checkFormContentType(request.headers.get("content-type"));
  if (!contentType.ok) return oauthErrorResponse(400, "invalid_request", contentType.reason);
  const body = await readLimitedBody(request);
  if (!body.ok) {
    return oauthErrorResponse(
      400,
      "invalid_request",
      body.reason === "too_large" ? `Corps de requête trop volumineux (${MAX_FORM_BYTES} octets au plus).` : "Corps de requête : UTF-8 invalide.",
    );
  }
  const form = parseForm(body.text);
  if (!form.ok) return oauthErrorResponse(400, "invalid_request", form.reason);
  const parsed = validateTokenRequest(form.params, form.repeated, request.headers.get("authorization"));
  if (!parsed.ok) {
    const challenge: Record<string, string> = parsed.basicChallenge ? { "WWW-Authenticate": `Basic realm="${TOKEN_REALM}"` } : {};
    return oauthErrorResponse(parsed.status, parsed.error, parsed.description, challenge);
  }
  const client = limiterClient(request, wallClockMs());
  return parsed.request.grantType === "password" ? passwordGrant(parsed.request, client) : refreshGrant(parsed.request);
}

function tokenResponse(body: TokenResponseBody, scopeDiffers: boolean): Response {
  // §5.1: scope is returned only when it differs from the requested one.
  return jsonResponse(200, scopeDiffers ? { ...body, scope: SCOPE } : body, { ...NO_STORE_HEADERS });
}

async function passwordGrant(grant: PasswordGrant, client: LimiterClient): Promise<Response> {
  const keys = lockoutKeys(OAUTH_LOCKOUT, grant.username, client.key);
  const verdict = await checkLockout(OAUTH_LOCKOUT, keys, nowMs());
  if (verdict.blocked) {
    const seconds = verdict.retryAfterSeconds;
    return oauthErrorResponse(429, "temporarily_unavailable", MESSAGES.tooMany(seconds), { "Retry-After": String(seconds) });
  }

  // No relation in this hot query (a join costs Prisma more than the row): the SIRET is read on failure only.
  // The password hash and the credentials version come from the same row read: tokens issued below
  // carry this version, and die with it if a password change commits meanwhile (lib/oauth/tokens.ts).
  const account = await db().apiAccount.findUnique({
    where: { identifiantKey: grant.username.toLowerCase() },
    select: { id: true, identifiant: true, passwordHash: true, establishmentId: true, credentialsVersion: true },
  });
  // Unknown identifiant: the same argon2id verification against a dummy hash (same error, same timing).
  const valid = await verifyPassword(account?.passwordHash ?? (await timingDummyHash()), grant.password);
  if (!account || !valid) {
    const establishment = account
      ? await db().establishment.findUnique({ where: { id: account.establishmentId }, select: { siret: true } })
      : null;
    await recordFailure(grant.username, client, keys, account ? { id: account.id, siret: establishment?.siret ?? null } : null);
    return oauthErrorResponse(400, "invalid_grant", MESSAGES.badCredentials);
  }
  await clearLockoutPair(keys);
  const body = await issueForPassword({ id: account.id, identifiant: account.identifiant, credentialsVersion: account.credentialsVersion }, now());
  return tokenResponse(body, grant.scopeDiffers);
}

async function recordFailure(
  username: string,
  client: LimiterClient,
  keys: ReturnType<typeof lockoutKeys>,
  account: { id: string; siret: string | null } | null,
): Promise<void> {
  const counts = await recordLockoutFailure(OAUTH_LOCKOUT, keys, nowMs());
  const identifiant = username.slice(0, 64);
  const where = { apiAccountId: account?.id ?? null, siret: account?.siret ?? null };
  const who = { identifiant, address: client.address, ...(client.testerUserId ? { testerUserId: client.testerUserId } : {}) };
  await recordAudit({
    actor: null,
    action: "OAUTH_TOKEN_FAILED",
    ...where,
    details: { ...who, failures: counts.pair.failures, clientFailures: counts.client.failures, identifiantFailures: counts.subject.failures },
  });
  for (const scope of ["pair", "client", "subject"] as const) {
    const count = counts[scope];
    if (!count.blockedNow) continue;
    await recordAudit({
      actor: null,
      action: "OAUTH_TOKEN_RATE_LIMITED",
      ...where,
      details: { limitedBy: LIMITED_BY[scope], ...who, failures: count.failures, retryAfterSeconds: count.retryAfterSeconds },
    });
  }
}

async function refreshGrant(grant: RefreshGrant): Promise<Response> {
  if (!looksLikeOpaqueToken(grant.refreshToken)) return oauthErrorResponse(400, "invalid_grant", MESSAGES.badRefresh.unknown);
  const outcome = await redeemRefreshToken(grant.refreshToken, now());
  if (!outcome.ok) {
    if (outcome.reason === "reused" && outcome.accountId) {
      await recordAudit({ actor: null, action: "OAUTH_REFRESH_REUSED", apiAccountId: outcome.accountId, details: { revokedTokenCount: outcome.revokedCount ?? 0 } });
    }
    return oauthErrorResponse(400, "invalid_grant", MESSAGES.badRefresh[outcome.reason]);
  }
  return tokenResponse(outcome.body, grant.scopeDiffers);
}
