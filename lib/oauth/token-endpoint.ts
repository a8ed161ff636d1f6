/**
 * POST /oauth2/token — the simulator's token endpoint (RFC 6749 §4.3 password grant, §6 refresh,
 * §5.1 success, §5.2 errors). Takes a Request, returns a Response: the route only delegates, and
 * integration tests call it directly.
 *
 * Abuse: failed password grants are counted per identifiant and per client address
 * (lib/oauth/rate-limit.ts, in this process's memory); past the limit the endpoint answers 429 with
 * Retry-After, before any password check. Every failure and every block is audited.
 */
import { db } from "../db";
import { now, nowMs } from "../clock";
import { recordAudit } from "../audit/audit";
import { timingDummyHash, verifyPassword } from "../auth/password";
import { checkFormContentType, MAX_FORM_BYTES, parseForm, readLimitedBody } from "./form";
import { clientAddress, jsonResponse, methodNotAllowed, NO_STORE_HEADERS, oauthErrorResponse } from "./http";
import { ADDRESS_LIMIT, FailureLimiter, IDENTIFIANT_LIMIT } from "./rate-limit";
import { looksLikeOpaqueToken, validateTokenRequest, type PasswordGrant, type RefreshGrant } from "./token-request";
import { issueForPassword, redeemRefreshToken, type TokenResponseBody } from "./tokens";
import { SCOPE } from "./environments";
import { log } from "../log";

export const TOKEN_REALM = "connexion-api-simulateur";

type Limiters = { identifiant: FailureLimiter; address: FailureLimiter };
const globalForLimits = globalThis as unknown as { __oauthLimiters?: Limiters };
const limiters: Limiters = (globalForLimits.__oauthLimiters ??= {
  identifiant: new FailureLimiter(IDENTIFIANT_LIMIT),
  address: new FailureLimiter(ADDRESS_LIMIT),
});

/** Forget every counted failure (tests; a trainer's scenario load, which recreates the accounts). */
export function resetTokenRateLimits(): void {
  limiters.identifiant.clear();
  limiters.address.clear();
}

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
    return await tokenEndpoint(request);
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
  const address = clientAddress(request);
  return parsed.request.grantType === "password" ? passwordGrant(parsed.request, address) : refreshGrant(parsed.request);
}

function tokenResponse(body: TokenResponseBody, scopeDiffers: boolean): Response {
  // §5.1: scope is returned only when it differs from the requested one.
  return jsonResponse(200, scopeDiffers ? { ...body, scope: SCOPE } : body, { ...NO_STORE_HEADERS });
}

async function passwordGrant(grant: PasswordGrant, address: string): Promise<Response> {
  const key = grant.username.toLowerCase();
  const blockedFor = Math.max(
    limiters.identifiant.retryAfterSeconds(key, nowMs()) ?? 0,
    limiters.address.retryAfterSeconds(address, nowMs()) ?? 0,
  );
  if (blockedFor > 0) {
    return oauthErrorResponse(429, "temporarily_unavailable", MESSAGES.tooMany(blockedFor), { "Retry-After": String(blockedFor) });
  }

  // No relation in this hot query (a join costs Prisma more than the row): the SIRET is read on failure only.
  const account = await db().apiAccount.findUnique({
    where: { identifiantKey: key },
    select: { id: true, identifiant: true, passwordHash: true, establishmentId: true },
  });
  // Unknown identifiant: the same argon2id verification against a dummy hash (same error, same timing).
  const valid = await verifyPassword(account?.passwordHash ?? (await timingDummyHash()), grant.password);
  if (!account || !valid) {
    const establishment = account
      ? await db().establishment.findUnique({ where: { id: account.establishmentId }, select: { siret: true } })
      : null;
    await recordFailure(grant.username, address, account ? { id: account.id, siret: establishment?.siret ?? null } : null);
    return oauthErrorResponse(400, "invalid_grant", MESSAGES.badCredentials);
  }
  limiters.identifiant.reset(key);
  const body = await issueForPassword({ id: account.id, identifiant: account.identifiant }, now());
  return tokenResponse(body, grant.scopeDiffers);
}

async function recordFailure(username: string, address: string, account: { id: string; siret: string | null } | null): Promise<void> {
  const atMs = nowMs();
  const key = username.toLowerCase();
  const byIdentifiant = limiters.identifiant.recordFailure(key, atMs);
  const byAddress = limiters.address.recordFailure(address, atMs);
  const identifiant = username.slice(0, 64);
  const where = { apiAccountId: account?.id ?? null, siret: account?.siret ?? null };
  await recordAudit({
    actor: null,
    action: "OAUTH_TOKEN_FAILED",
    ...where,
    details: { identifiant, address, failures: byIdentifiant.failures, addressFailures: byAddress.failures },
  });
  if (byIdentifiant.blockedNow) {
    await recordAudit({
      actor: null,
      action: "OAUTH_TOKEN_RATE_LIMITED",
      ...where,
      details: { limitedBy: "identifiant", identifiant, address, failures: byIdentifiant.failures, retryAfterSeconds: byIdentifiant.retryAfterSeconds },
    });
  }
  if (byAddress.blockedNow) {
    await recordAudit({
      actor: null,
      action: "OAUTH_TOKEN_RATE_LIMITED",
      ...where,
      details: { limitedBy: "address", identifiant, address, failures: byAddress.failures, retryAfterSeconds: byAddress.retryAfterSeconds },
    });
  }
}

async function refreshGrant(grant: RefreshGrant): Promise<Response> {
  if (!looksLikeOpaqueToken(grant.refreshToken)) return oauthErrorResponse(400, "invalid_grant", MESSAGES.badRefresh.unknown);
  const outcome = await redeemRefreshToken(grant.refreshToken, now());
  if (!outcome.ok) {
    if (outcome.reason === "reused" && outcome.accountId) {
      await recordAudit({ actor: null, action: "OAUTH_REFRESH_REUSED", apiAccountId: outcome.accountId, details: { revoked: outcome.revokedCount ?? 0 } });
    }
    return oauthErrorResponse(400, "invalid_grant", MESSAGES.badRefresh[outcome.reason]);
  }
  return tokenResponse(outcome.body, grant.scopeDiffers);
}
