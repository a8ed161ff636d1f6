/**
 * Secrets at rest (per-API tokens, signing keys): AES-256-GCM with the key in APP_ENCRYPTION_KEY
 * (32 bytes, base64; generated into .env.local by scripts/env-setup.ts).
 * Format: "v1.<key id>.<iv>.<tag>.<ciphertext>" (base64url parts). The key id (first 8 hex chars
 * of SHA-256 of the key) lets a rotation command find what each value was sealed with.
 * APP_ENCRYPTION_KEY_PREVIOUS (optional, comma-separated) still opens values sealed with older keys.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

function decodeKey(value: string): Buffer {
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== 32) throw new SecretKeyError("APP_ENCRYPTION_KEY doit contenir 32 octets encodés en base64.");
  return key;
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function currentKey(): Buffer {
  const value = process.env.APP_ENCRYPTION_KEY;
  if (!value) throw new SecretKeyError("APP_ENCRYPTION_KEY est absente : lancez `npx tsx scripts/env-setup.ts`.");
  return decodeKey(value);
}

function allKeys(): Buffer[] {
  const previous = (process.env.APP_ENCRYPTION_KEY_PREVIOUS ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean)
    .map(decodeKey);
  return [currentKey(), ...previous];
}

export function encryptSecret(plain: string, key: Buffer = currentKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", keyId(key), iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(".");
  return parts.length === 5 && parts[0] === "v1" ? parts[1]! : null;
}

export function decryptSecret(sealed: string, keys: Buffer[] = allKeys()): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") throw new SecretKeyError("Valeur chiffrée illisible.");
  const [, kid, iv, tag, ciphertext] = parts as [string, string, string, string, string];
  const key = keys.find((k) => keyId(k) === kid);
  if (!key) throw new SecretKeyError("Clé de chiffrement inconnue pour cette valeur (rotation incomplète ?).");
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}

/** A key for one purpose (HKDF-SHA-256 of APP_ENCRYPTION_KEY): never the encryption key itself. */
export function derivedKey(purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", currentKey(), Buffer.alloc(0), `console/${purpose}`, 32));
}
