/**
 * The simulator's RSA signing keys (id_token, RS512). A 2048-bit key pair is generated on first
 * use and persisted in SigningKey: the public JWK in clear, the private key (PKCS #8) sealed with
 * lib/crypto/secrets.ts. `npm run oauth:rotate-key` adds a new key and retires the others; a retired
 * key stays in the JWKS for ID_TOKEN_TTL_S (the lifetime of the id_tokens it signed), then the
 * rotation command deletes it. The active key is the newest one not retired, read from the database
 * at each signature, so a rotation made by the command is followed at once by the running console.
 */
import { createPrivateKey, generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import { db } from "../db";
import { now } from "../clock";
import { decryptSecret, encryptSecret } from "../crypto/secrets";
import { recordAudit } from "../audit/audit";
import { withLease } from "../leases";

export const SIGNING_ALG = "RS512";
export const RSA_MODULUS_BITS = 2048;
/** Lifetime of an id_token (SPEC: exp = iat + 7200), hence how long a retired key stays published. */
export const ID_TOKEN_TTL_S = 7200;

const generateRsa = promisify(generateKeyPair);
/** Creating the first key and rotating are done by one instance at a time. */
const SIGNING_LEASE = "signing-key";
const LEASE_OPTIONS = { ttlMs: 30_000, waitMs: 30_000 };

export type ActiveSigningKey = { kid: string; privateKey: KeyObject };

type KeyCache = { privateKeys: Map<string, KeyObject>; creating?: Promise<string> };
const globalForKeys = globalThis as unknown as { __oauthSigningKeys?: KeyCache };
const cache: KeyCache = (globalForKeys.__oauthSigningKeys ??= { privateKeys: new Map() });

/** Generates and stores a new key pair; returns its kid (the RFC 7638 thumbprint of the public key). */
export async function createSigningKey(at: Date = now()): Promise<string> {
  const { publicKey, privateKey } = await generateRsa("rsa", { modulusLength: RSA_MODULUS_BITS });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, "sha256");
  const publicJwk: JWK = { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, alg: SIGNING_ALG, use: "sig" };
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  await db().signingKey.create({
    data: { kid, alg: SIGNING_ALG, publicJwk: JSON.stringify(publicJwk), privateCipher: encryptSecret(pem), createdAt: at },
  });
  cache.privateKeys.set(kid, privateKey);
  await recordAudit({ actor: null, action: "OAUTH_SIGNING_KEY_CREATED", details: { kid, bits: RSA_MODULUS_BITS } });
  return kid;
}

async function newestActiveKid(): Promise<string | null> {
  const row = await db().signingKey.findFirst({
    where: { retiredAt: null },
    orderBy: [{ createdAt: "desc" }, { kid: "asc" }],
    select: { kid: true },
  });
  return row?.kid ?? null;
}

/** The kid of the active key, creating the first key when there is none (one creation for the service: the lease). */
async function ensureActiveKid(): Promise<string> {
  const kid = await newestActiveKid();
  if (kid) return kid;
  cache.creating ??= withLease(SIGNING_LEASE, LEASE_OPTIONS, async () => (await newestActiveKid()) ?? createSigningKey()).finally(() => {
    cache.creating = undefined;
  });
  return cache.creating;
}

export async function activeSigningKey(): Promise<ActiveSigningKey> {
  const kid = await ensureActiveKid();
  let privateKey = cache.privateKeys.get(kid);
  if (!privateKey) {
    const row = await db().signingKey.findUniqueOrThrow({ where: { kid }, select: { privateCipher: true } });
    privateKey = createPrivateKey(decryptSecret(row.privateCipher));
    cache.privateKeys.set(kid, privateKey);
  }
  return { kid, privateKey };
}

/** The keys published in the JWKS at an instant: active ones, and retired ones whose id_tokens may still be valid. */
export async function publishedKeys(at: Date = now()): Promise<JWK[]> {
  await ensureActiveKid();
  const since = new Date(at.getTime() - ID_TOKEN_TTL_S * 1000);
  const rows = await db().signingKey.findMany({
    where: { OR: [{ retiredAt: null }, { retiredAt: { gt: since } }] },
    orderBy: [{ createdAt: "desc" }, { kid: "asc" }],
    select: { publicJwk: true },
  });
  return rows.map((r) => JSON.parse(r.publicJwk) as JWK);
}

export type RotationResult = { kid: string; retired: string[]; deleted: string[] };

/** `npm run oauth:rotate-key`: new active key, the others retired now, keys retired too long ago deleted. */
export function rotateSigningKey(at: Date = now()): Promise<RotationResult> {
  return withLease(SIGNING_LEASE, LEASE_OPTIONS, () => rotate(at));
}

async function rotate(at: Date): Promise<RotationResult> {
  const previous = await db().signingKey.findMany({ where: { retiredAt: null }, select: { kid: true } });
  const kid = await createSigningKey(at);
  const retired = previous.map((p) => p.kid).filter((k) => k !== kid);
  await db().signingKey.updateMany({ where: { kid: { in: retired } }, data: { retiredAt: at } });
  const expired = await db().signingKey.findMany({
    where: { retiredAt: { lte: new Date(at.getTime() - ID_TOKEN_TTL_S * 1000) } },
    select: { kid: true },
  });
  const deleted = expired.map((e) => e.kid);
  await db().signingKey.deleteMany({ where: { kid: { in: deleted } } });
  for (const k of deleted) cache.privateKeys.delete(k);
  await recordAudit({ actor: null, action: "OAUTH_SIGNING_KEY_ROTATED", details: { kid, retired, deleted } });
  return { kid, retired, deleted };
}
