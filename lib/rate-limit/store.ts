/**
 * The failure counters of every limiter, in the database (RateLimitBucket): every instance of the
 * console counts into the same rows. A failure is ONE atomic statement (INSERT … ON CONFLICT DO
 * UPDATE … RETURNING, the same SQL on SQLite and PostgreSQL), so concurrent failures never lose a
 * count; the rules it applies are ./rules.ts's `afterFailure`, which the tests compare it with.
 */
import { db } from "../db";
import { Prisma } from "@/generated/prisma/client";
import { type Bucket, type FailureCount, type LockoutKeys, type LockoutPolicy, type LockoutVerdict, type Scope, type WindowPolicy, CLOCK_SKEW_TOLERANCE_MS, SCOPES, lockoutVerdict } from "./rules";

/** Buckets untouched for this long are deleted (windows and blocks are far shorter). */
const PURGE_AFTER_MS = 24 * 3600_000;
const PURGE_EVERY_MS = 10 * 60_000;

export async function readBuckets(keys: readonly string[]): Promise<Map<string, Bucket>> {
  const rows = await db().rateLimitBucket.findMany({ where: { key: { in: [...keys] } } });
  return new Map(rows.map((r) => [r.key, { windowStartMs: r.windowStartMs, failures: r.failures, blockedUntilMs: r.blockedUntilMs }]));
}

/** Counts one failure on `key` under `policy` at `atMs`; says whether this failure started a block. */
export async function countFailure(key: string, policy: WindowPolicy, atMs: number): Promise<FailureCount> {
  const { maxFailures: max, windowMs: windowLength, blockMs: block } = policy;
  const until = atMs + block;
  // Column names are qualified (b.): inside DO UPDATE they are the row's values before the update.
  const open = Prisma.sql`(b."windowStartMs" - ${CLOCK_SKEW_TOLERANCE_MS} <= ${atMs} AND ${atMs} < b."windowStartMs" + ${windowLength})`;
  const failures = Prisma.sql`(CASE WHEN ${open} THEN b."failures" + 1 ELSE 1 END)`;
  const blocked = Prisma.sql`(b."blockedUntilMs" > ${atMs} AND b."blockedUntilMs" - ${block} <= ${atMs})`;
  const blocking = Prisma.sql`(${failures} >= ${max} AND NOT ${blocked})`;
  const rows = await db().$queryRaw<{ failures: number | bigint; blockedUntilMs: number; blockedAtFailures: number | bigint }[]>`
    INSERT INTO "RateLimitBucket" AS b ("key", "windowStartMs", "failures", "blockedUntilMs", "blockedAtFailures")
    VALUES (${key}, ${atMs}, 1, ${max <= 1 ? until : 0}, ${max <= 1 ? 1 : 0})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${failures},
      "windowStartMs" = CASE WHEN ${open} THEN b."windowStartMs" ELSE ${atMs} END,
      "blockedUntilMs" = CASE WHEN ${blocking} THEN ${until} ELSE b."blockedUntilMs" END,
      "blockedAtFailures" = CASE WHEN ${blocking} THEN ${failures} WHEN ${open} THEN b."blockedAtFailures" ELSE 0 END
    RETURNING "failures", "blockedUntilMs", "blockedAtFailures"`;
  const row = rows[0]!;
  const count = Number(row.failures);
  const blockedNow = Number(row.blockedAtFailures) === count;
  const left = row.blockedUntilMs > atMs && row.blockedUntilMs - block <= atMs ? row.blockedUntilMs - atMs : 0;
  void purgeNowAndThen(atMs);
  return { failures: count, blockedNow, retryAfterSeconds: left > 0 ? Math.max(1, Math.ceil(left / 1000)) : null };
}

export async function clearBuckets(keys: readonly string[]): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { key: { in: [...keys] } } });
}

/** Every counter of one limiter namespace (a trainer's scenario load, tests). */
export async function clearNamespace(name: string): Promise<void> {
  await db().rateLimitBucket.deleteMany({ where: { key: { startsWith: `${name}:` } } });
}

const globalForPurge = globalThis as unknown as { __rateLimitPurge?: { lastMs: number | null } };
const purge = (globalForPurge.__rateLimitPurge ??= { lastMs: null });

/** Long-dead buckets go now and then (a shortcut per process: any instance may do it, twice is harmless). */
async function purgeNowAndThen(atMs: number): Promise<void> {
  if (purge.lastMs !== null && atMs >= purge.lastMs && atMs - purge.lastMs < PURGE_EVERY_MS) return;
  purge.lastMs = atMs;
  try {
    await db().rateLimitBucket.deleteMany({ where: { windowStartMs: { lt: atMs - PURGE_AFTER_MS }, blockedUntilMs: { lt: atMs } } });
  } catch {
    // a purge that fails is retried at the next one
  }
}

// ---------------------------------------------------------------------------------------------
// Lockout (./rules.ts): the three counters of one attempt.
// ---------------------------------------------------------------------------------------------

export async function checkLockout(policy: LockoutPolicy, keys: LockoutKeys, atMs: number): Promise<LockoutVerdict> {
  const buckets = await readBuckets(SCOPES.map((s) => keys[s]));
  return lockoutVerdict({ pair: buckets.get(keys.pair), client: buckets.get(keys.client), subject: buckets.get(keys.subject) }, policy, atMs);
}

export type LockoutFailure = Record<Scope, FailureCount>;

export async function recordLockoutFailure(policy: LockoutPolicy, keys: LockoutKeys, atMs: number): Promise<LockoutFailure> {
  const out = {} as LockoutFailure;
  for (const scope of SCOPES) out[scope] = await countFailure(keys[scope], policy[scope], atMs);
  return out;
}

/** The client got in: its own failures on this subject are forgotten (never the service-wide count). */
export function clearLockoutPair(keys: LockoutKeys): Promise<void> {
  return clearBuckets([keys.pair]);
}

// ---------------------------------------------------------------------------------------------
// Quotas: every use counts (not only failures).
// ---------------------------------------------------------------------------------------------

export type Quota = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one use of `key` and says whether it is within `policy` — in one statement, so that
 * concurrent uses cannot slip past the limit: the use that reaches `maxFailures` is allowed and
 * starts the block, every later one inside the block is refused.
 */
export async function takeQuota(key: string, policy: WindowPolicy, atMs: number): Promise<Quota> {
  const count = await countFailure(key, policy, atMs);
  if (count.retryAfterSeconds !== null && !count.blockedNow) return { allowed: false, retryAfterSeconds: count.retryAfterSeconds };
  // Concurrent uses read the clock before their statement runs, so one may reach the row with an
  // instant a little before the block it follows: past the limit in the open window is refused too.
  if (count.failures > policy.maxFailures) return { allowed: false, retryAfterSeconds: count.retryAfterSeconds ?? Math.max(1, Math.ceil(policy.blockMs / 1000)) };
  return { allowed: true };
}
