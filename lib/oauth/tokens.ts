/**
 * The simulator's tokens. Access and refresh tokens are opaque (32 random bytes, 64 hex chars);
 * only their SHA-256 is stored (OAuthToken.tokenHash) with the expiry. Every instant reads
 * lib/clock.ts, so the trainer's demo clock moves expiry too.
 *  - access token: 300 s (SPEC); id_token: exp = iat + 7200 (SPEC);
 *  - refresh token: 2 h, rotated at each use (RFC 6749 §6, §10.4), and never beyond 24 h after the
 *    password authentication that started the chain (auth_time). Presenting a refresh token that was
 *    already used revokes every token of that chain (§10.4: one of the two parties is an attacker).
 * A password change revokes the account's tokens (lib/accounts/service.ts) AND moves the account's
 * credentialsVersion: every token carries the version read with the password hash it was granted
 * on (a refresh passes it on), and is valid only while it equals the account's. So a grant that
 * verified the old password and inserts its tokens after the change committed issues dead tokens,
 * whatever the interleaving. Deleting the account deletes them (OAuthToken cascades with ApiAccount).
 */
import { createHash, randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { db, GUARDED_BY_CONDITIONS, type Tx } from "../db";
import { now } from "../clock";
import { databaseVersion } from "../db-changes";
import { AccessCache, type Grant } from "./access-cache";
import { accessTokenHash } from "./at-hash";
import { CLIENT_ID, simulatorEndpoints } from "./environments";
import { currentIssuer } from "./issuer";
import { ID_TOKEN_TTL_S, SIGNING_ALG, activeSigningKey } from "./signing-keys";

export const ACCESS_TOKEN_TTL_S = 300;
export const REFRESH_TOKEN_TTL_S = 7200;
export const REFRESH_CHAIN_MAX_S = 24 * 3600;
export const ACR = "loa-2";
/** Expired tokens are kept this long, then purged by a password grant (at most once every PURGE_EVERY_MS). */
const PURGE_AFTER_MS = 24 * 3600 * 1000;
const PURGE_EVERY_MS = 10 * 60 * 1000;

export function newOpaqueToken(): string {
  return randomBytes(32).toString("hex");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export type TokenResponseBody = {
  access_token: string;
  expires_in: number;
  token_type: "Bearer";
  refresh_token: string;
  id_token: string;
  scope?: string;
};

type Subject = { id: string; identifiant: string; credentialsVersion: number };

export async function signIdToken(subject: string, authTimeS: number, iatS: number, accessToken: string): Promise<string> {
  const { kid, privateKey } = await activeSigningKey();
  return new SignJWT({
    acr: ACR,
    azp: CLIENT_ID,
    auth_time: authTimeS,
    at_hash: accessTokenHash(accessToken, SIGNING_ALG),
  })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: "JWT", kid })
    .setIssuer(currentIssuer(simulatorEndpoints().issuer))
    .setSubject(subject)
    .setAudience([CLIENT_ID])
    .setIssuedAt(iatS)
    .setExpirationTime(iatS + ID_TOKEN_TTL_S)
    .sign(privateKey);
}

type PreparedTokens = {
  body: TokenResponseBody;
  rows: { tokenHash: string; kind: "ACCESS" | "REFRESH"; apiAccountId: string; issuedAt: Date; expiresAt: Date; authTime: Date; credentialsVersion: number }[];
};

/**
 * A new access + refresh pair and its signed id_token, not stored yet. Signing happens before any
 * transaction: the better-sqlite3 adapter shares one connection, so work done while a transaction is
 * open would join it.
 */
async function prepare(account: Subject, authTime: Date, at: Date): Promise<PreparedTokens> {
  const accessToken = newOpaqueToken();
  const refreshToken = newOpaqueToken();
  const iatS = Math.floor(at.getTime() / 1000);
  const refreshExpiry = Math.min(at.getTime() + REFRESH_TOKEN_TTL_S * 1000, authTime.getTime() + REFRESH_CHAIN_MAX_S * 1000);
  const idToken = await signIdToken(account.identifiant, Math.floor(authTime.getTime() / 1000), iatS, accessToken);
  const common = { apiAccountId: account.id, issuedAt: at, authTime, credentialsVersion: account.credentialsVersion };
  return {
    body: { access_token: accessToken, expires_in: ACCESS_TOKEN_TTL_S, token_type: "Bearer", refresh_token: refreshToken, id_token: idToken },
    rows: [
      { ...common, tokenHash: hashToken(accessToken), kind: "ACCESS", expiresAt: new Date(at.getTime() + ACCESS_TOKEN_TTL_S * 1000) },
      { ...common, tokenHash: hashToken(refreshToken), kind: "REFRESH", expiresAt: new Date(refreshExpiry) },
    ],
  };
}

const globalForPurge = globalThis as unknown as { __oauthTokenPurge?: { lastMs: number | null } };
const purge = (globalForPurge.__oauthTokenPurge ??= { lastMs: null });

/** Deletes every token expired for more than PURGE_AFTER_MS, at most once every PURGE_EVERY_MS (of the console's clock). */
async function purgeExpiredTokens(at: Date): Promise<void> {
  const atMs = at.getTime();
  if (purge.lastMs !== null && atMs >= purge.lastMs && atMs - purge.lastMs < PURGE_EVERY_MS) return;
  purge.lastMs = atMs;
  await db().oAuthToken.deleteMany({ where: { expiresAt: { lt: new Date(atMs - PURGE_AFTER_MS) } } });
}

/**
 * Password grant: a fresh chain (auth_time = now). Both rows go in with one INSERT (atomic, no
 * transaction round trips); long-expired tokens are purged now and then.
 */
export async function issueForPassword(account: Subject, at: Date = now()): Promise<TokenResponseBody> {
  const prepared = await prepare(account, at, at);
  await db().oAuthToken.createMany({ data: prepared.rows });
  await purgeExpiredTokens(at);
  return prepared.body;
}

export type RefreshOutcome =
  | { ok: true; body: TokenResponseBody; account: { id: string; identifiant: string } }
  | { ok: false; reason: "unknown" | "expired" | "revoked" | "reused"; accountId?: string; revokedCount?: number };

async function revokeChain(apiAccountId: string, authTime: Date, at: Date): Promise<number> {
  const revoked = await db().oAuthToken.updateMany({ where: { apiAccountId, authTime, revokedAt: null }, data: { revokedAt: at } });
  return revoked.count;
}

/**
 * Refresh grant: the refresh token is spent exactly once (a conditional update, even under
 * concurrency) and a new pair is issued with the same auth_time. A token presented again — later or
 * concurrently — revokes its whole chain.
 */
export async function redeemRefreshToken(refreshToken: string, at: Date = now()): Promise<RefreshOutcome> {
  const row = await db().oAuthToken.findUnique({
    where: { tokenHash: hashToken(refreshToken) },
    select: {
      id: true,
      kind: true,
      expiresAt: true,
      revokedAt: true,
      usedAt: true,
      authTime: true,
      credentialsVersion: true,
      apiAccount: { select: { id: true, identifiant: true, credentialsVersion: true } },
    },
  });
  if (!row || row.kind !== "REFRESH") return { ok: false, reason: "unknown" };
  const accountId = row.apiAccount.id;
  if (row.revokedAt || row.credentialsVersion !== row.apiAccount.credentialsVersion) return { ok: false, reason: "revoked", accountId };
  if (row.usedAt) return { ok: false, reason: "reused", accountId, revokedCount: await revokeChain(accountId, row.authTime, at) };
  if (row.expiresAt <= at) return { ok: false, reason: "expired", accountId };

  const subject = { id: accountId, identifiant: row.apiAccount.identifiant, credentialsVersion: row.credentialsVersion };
  const prepared = await prepare(subject, row.authTime, at);
  // One transaction: a concurrent redemption waits on the row's lock until this one has committed its
  // new pair, then finds it spent and revokes the chain — the new pair included. Its correctness is the
  // conditional update: READ COMMITTED is enough on PostgreSQL (GUARDED_BY_CONDITIONS).
  const spent = await db().$transaction(async (tx) => {
    const update = await tx.oAuthToken.updateMany({ where: { id: row.id, usedAt: null, revokedAt: null }, data: { usedAt: at } });
    if (update.count !== 1) return false;
    await tx.oAuthToken.createMany({ data: prepared.rows });
    return true;
  }, GUARDED_BY_CONDITIONS);
  if (!spent) return { ok: false, reason: "reused", accountId, revokedCount: await revokeChain(accountId, row.authTime, at) };
  return { ok: true, body: prepared.body, account: { id: accountId, identifiant: row.apiAccount.identifiant } };
}

export type AccessCheck =
  | { ok: true; account: { id: string; identifiant: string }; expiresAt: Date; grants: ReadonlyMap<string, Grant> }
  | { ok: false; reason: "unknown" | "expired" | "revoked" };

const globalForAccess = globalThis as unknown as { __oauthAccessCache?: AccessCache };
const accessCache: AccessCache = (globalForAccess.__oauthAccessCache ??= new AccessCache());

/** Tests and bench: forget every cached token (and the hit/miss counters). */
export function clearAccessCache(): void {
  accessCache.clear();
}

export function accessCacheStats(): { hits: number; misses: number; size: number } {
  return { ...accessCache.stats, size: accessCache.size };
}

/**
 * Resource side: is this access token valid now? (unknown, expired or revoked otherwise), with the
 * account's active habilitations by API path prefix. Valid tokens are cached in this process until
 * the database changes in any way (lib/oauth/access-cache.ts, lib/db-changes.ts); expiry is
 * compared with `at` at every call.
 */
export async function checkAccessToken(accessToken: string, at: Date = now()): Promise<AccessCheck> {
  const tokenHash = hashToken(accessToken);
  // Read before the database: a write committed while we query makes this version stale.
  const version = databaseVersion();
  const cached = accessCache.lookup(tokenHash, version, at.getTime());
  if (cached) return { ok: true, account: cached.account, expiresAt: new Date(cached.expiresAtMs), grants: cached.grants };

  const row = await db().oAuthToken.findUnique({
    where: { tokenHash },
    select: {
      kind: true,
      expiresAt: true,
      revokedAt: true,
      credentialsVersion: true,
      apiAccount: {
        select: {
          id: true,
          identifiant: true,
          credentialsVersion: true,
          habilitations: { where: { revokedAt: null }, select: { api: { select: { code: true, name: true, pathPrefix: true } } } },
        },
      },
    },
  });
  if (!row || row.kind !== "ACCESS") return { ok: false, reason: "unknown" };
  if (row.revokedAt || row.credentialsVersion !== row.apiAccount.credentialsVersion) return { ok: false, reason: "revoked" };
  if (row.expiresAt <= at) return { ok: false, reason: "expired" };
  const { habilitations, id, identifiant } = row.apiAccount;
  const account = { id, identifiant };
  const grants = new Map(habilitations.map(({ api }) => [api.pathPrefix, { code: api.code, name: api.name }]));
  accessCache.store(tokenHash, version, { account, expiresAtMs: row.expiresAt.getTime(), grants });
  return { ok: true, account, expiresAt: row.expiresAt, grants };
}

/** Revokes every live token of an account (for a deletion or any other immediate cut-off). */
export async function revokeAccountTokens(tx: Tx, apiAccountId: string, at: Date = now()): Promise<number> {
  const result = await tx.oAuthToken.updateMany({ where: { apiAccountId, revokedAt: null }, data: { revokedAt: at } });
  return result.count;
}
