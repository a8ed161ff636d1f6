/**
 * Who the "client" of a limiter is. Usually the client's address (lib/net/client-address.ts). But
 * the console's token tester reaches its own simulator from the server itself — every tester run
 * would share the server's address, and one person's failing tests would block everyone's, and
 * every direct request from that address. So the tester signs who asked: a short-lived proof in
 * TESTER_CLIENT_HEADER (HMAC-SHA-256 with a key derived from APP_ENCRYPTION_KEY), sent only to
 * the console's own simulator; the simulator then counts that run's failures for that person
 * (`testeur:<user id>`), apart from any address. A missing, forged or expired proof is ignored.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { derivedKey } from "../crypto/secrets";
import { clientAddressOf } from "../net/client-address";

export const TESTER_CLIENT_HEADER = "x-console-token-tester";
/** A proof is valid this long after it was made (a tester run lasts at most its 10 s timeout). */
const PROOF_TTL_MS = 60_000;

function mac(payload: string): string {
  return createHmac("sha256", derivedKey("token-tester-client")).update(payload).digest("base64url");
}

/** The header value for a tester request made for `userId` at `atMs` (real time: this is about freshness). */
export function testerProof(userId: string, atMs: number): string {
  const payload = `v1.${Buffer.from(userId).toString("base64url")}.${Math.floor(atMs)}`;
  return `${payload}.${mac(payload)}`;
}

/** The user id of a valid proof, or null. */
export function verifyTesterProof(value: string | null, atMs: number): string | null {
  if (!value || value.length > 300) return null;
  const parts = value.split(".");
  if (parts.length !== 4 || parts[0] !== "v1") return null;
  const [, encodedId, madeAt, signature] = parts as [string, string, string, string];
  const payload = `v1.${encodedId}.${madeAt}`;
  let expected: Buffer;
  try {
    expected = Buffer.from(mac(payload));
  } catch {
    return null; // no key configured: no proof can be valid
  }
  const presented = Buffer.from(signature);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return null;
  const made = Number(madeAt);
  if (!Number.isFinite(made) || made > atMs + 5_000 || atMs - made > PROOF_TTL_MS) return null;
  const userId = Buffer.from(encodedId, "base64url").toString("utf8");
  return /^[A-Za-z0-9_-]{1,64}$/.test(userId) ? userId : null;
}

export type LimiterClient = { key: string; address: string; testerUserId: string | null };

/**
 * The client a limiter counts for this request: the tester's person when the request carries a
 * valid tester proof, else the client's address. `realNowMs`: the machine's time (not the demo clock).
 */
export function limiterClient(request: Request, realNowMs: number): LimiterClient {
  const address = clientAddressOf(request.headers);
  const testerUserId = verifyTesterProof(request.headers.get(TESTER_CLIENT_HEADER), realNowMs);
  return { key: testerUserId ? `testeur:${testerUserId}` : address, address, testerUserId };
}
