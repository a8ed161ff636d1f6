/**
 * OpenID Connect Core 1.0 §3.1.3.6 (at_hash, here for RS512): hash the ASCII octets of the
 * access_token with the hash of the id_token's alg (SHA-512 for RS512), keep the left-most half
 * (256 bits) and base64url-encode it without padding.
 */
import { createHash } from "node:crypto";

const HASH_OF_ALG: Record<string, string> = { RS256: "sha256", RS384: "sha384", RS512: "sha512" };

export function accessTokenHash(accessToken: string, alg = "RS512"): string {
  const hash = HASH_OF_ALG[alg];
  if (!hash) throw new Error(`at_hash : algorithme non pris en charge (${alg}).`);
  const digest = createHash(hash).update(Buffer.from(accessToken, "ascii")).digest();
  return digest.subarray(0, digest.length / 2).toString("base64url");
}
