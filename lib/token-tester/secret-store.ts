/**
 * Where the tester keeps a run's refresh token between the run and its « Rafraîchir » step: in the
 * database (TokenTestSecret), so that the step works whichever instance serves it — sealed with
 * lib/crypto/secrets.ts (never in clear, never the browser), bound to the user who ran the test,
 * for at most 15 minutes. A refresh claims the run first (a conditional update): one refresh at a
 * time uses a refresh token, on any instance — the token is spent once.
 */
import { db } from "../db";
import { decryptSecret, encryptSecret } from "../crypto/secrets";

export type StoredRun = {
  actorId: string;
  tokenUrl: string;
  clientId: string;
  trusted: boolean;
  refreshToken: string;
  expiresAtMs: number;
};

export const STORE_TTL_MS = 15 * 60_000;
/** How long a refresh may hold its run (the exchange's timeout, and some). */
const CLAIM_MS = 30_000;

export async function keepRun(runId: string, entry: StoredRun, nowMs: number): Promise<void> {
  await db().tokenTestSecret.deleteMany({ where: { expiresAtMs: { lte: nowMs } } });
  const { refreshToken, ...rest } = entry;
  await db().tokenTestSecret.create({ data: { runId, ...rest, refreshCipher: encryptSecret(refreshToken) } });
}

/**
 * The run's entry if it belongs to this user, has not expired and no other refresh holds it —
 * claimed until `release` (or CLAIM_MS). Null otherwise.
 */
export async function claimRun(runId: string, actorId: string, nowMs: number): Promise<StoredRun | null> {
  const claimed = await db().tokenTestSecret.updateMany({
    where: { runId, actorId, expiresAtMs: { gt: nowMs }, claimedUntilMs: { lte: nowMs } },
    data: { claimedUntilMs: nowMs + CLAIM_MS },
  });
  if (claimed.count !== 1) return null;
  const row = await db().tokenTestSecret.findUnique({ where: { runId } });
  if (!row) return null;
  try {
    return { actorId: row.actorId, tokenUrl: row.tokenUrl, clientId: row.clientId, trusted: row.trusted, refreshToken: decryptSecret(row.refreshCipher), expiresAtMs: row.expiresAtMs };
  } catch {
    await forgetRun(runId);
    return null;
  }
}

/** Ends a refresh's claim; with the new refresh token when the server rotated it. */
export async function releaseRun(runId: string, refreshToken?: string): Promise<void> {
  await db().tokenTestSecret.updateMany({
    where: { runId },
    data: { claimedUntilMs: 0, ...(refreshToken ? { refreshCipher: encryptSecret(refreshToken) } : {}) },
  });
}

export async function forgetRun(runId: string): Promise<void> {
  await db().tokenTestSecret.deleteMany({ where: { runId } });
}
