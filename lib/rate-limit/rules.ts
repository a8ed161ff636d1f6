/**
 * Failure limits, as "smart lockout" does them (pure: the instant is passed in; counters live in
 * the database, ./store.ts). Three counters per attempt on a secret:
 *  - the guessing client on this subject (identifiant × client): a few failures block THAT pair;
 *  - the client on any subject (one address trying many identifiants);
 *  - the subject service-wide, a higher ceiling against distributed guessing — and even past it,
 *    only clients that have failed on the subject are refused: a client that has not failed
 *    (the software of the account's holder, from its own address) is never blocked.
 * So knowing an identifiant or an email is not enough to lock its holder out.
 *
 * Windows are fixed (the first failure opens one); reaching `maxFailures` inside a window blocks
 * the key for `blockMs`. A window or a block that starts after the instant (the demo clock was
 * moved back) is stale: it is ignored, never a block longer than `blockMs`.
 */

export type WindowPolicy = { maxFailures: number; windowMs: number; blockMs: number };

export type LockoutPolicy = {
  /** Key namespace ("oauth", "login"). */
  name: string;
  pair: WindowPolicy;
  client: WindowPolicy;
  subject: WindowPolicy;
};

export type Scope = "pair" | "client" | "subject";
export const SCOPES: readonly Scope[] = ["pair", "client", "subject"];

/** What the database holds for one key. */
export type Bucket = { windowStartMs: number; failures: number; blockedUntilMs: number };

export type LockoutKeys = Record<Scope, string>;

/** Failed password grants of the token endpoint. */
export const OAUTH_LOCKOUT: LockoutPolicy = {
  name: "oauth",
  pair: { maxFailures: 5, windowMs: 15 * 60_000, blockMs: 5 * 60_000 },
  client: { maxFailures: 20, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
  subject: { maxFailures: 50, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
};

/** Failed sign-ins of people. */
export const LOGIN_LOCKOUT: LockoutPolicy = {
  name: "login",
  pair: { maxFailures: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
  client: { maxFailures: 20, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
  subject: { maxFailures: 50, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
};

/** Subjects and clients are free text from the request: bounded, lower-cased, control characters replaced (PostgreSQL text holds no NUL). */
function part(value: string): string {
  return value.toLowerCase().slice(0, 200).replace(/[\u0000-\u001f]/g, "\uFFFD");
}

export function lockoutKeys(policy: LockoutPolicy, subject: string, client: string): LockoutKeys {
  return {
    pair: `${policy.name}:pair:${part(subject)}|${part(client)}`,
    client: `${policy.name}:client:${part(client)}`,
    subject: `${policy.name}:subject:${part(subject)}`,
  };
}

/** The window of a bucket is still running at `atMs` (and did not start in the future). */
/**
 * Concurrent requests read the clock a little before their statement runs, so one may reach a
 * bucket with an instant slightly before the window another one opened: within this much, it is
 * counted in that window (beyond, e.g. the demo clock moved back, it starts a new one).
 */
export const CLOCK_SKEW_TOLERANCE_MS = 5_000;

export function windowOpen(bucket: Bucket | undefined, policy: WindowPolicy, atMs: number): boolean {
  return Boolean(bucket && bucket.windowStartMs - CLOCK_SKEW_TOLERANCE_MS <= atMs && atMs < bucket.windowStartMs + policy.windowMs);
}

/** Milliseconds of block left at `atMs` (0: not blocked; a block that starts after `atMs` is stale). */
export function blockLeftMs(bucket: Bucket | undefined, policy: WindowPolicy, atMs: number): number {
  if (!bucket || bucket.blockedUntilMs <= atMs) return 0;
  if (bucket.blockedUntilMs - policy.blockMs > atMs) return 0; // started after now: stale
  return bucket.blockedUntilMs - atMs;
}

export type LockoutVerdict = { blocked: false } | { blocked: true; by: Scope; retryAfterSeconds: number };

/** May this client try this subject now? */
export function lockoutVerdict(buckets: Partial<Record<Scope, Bucket>>, policy: LockoutPolicy, atMs: number): LockoutVerdict {
  let by: Scope | null = null;
  let left = 0;
  const consider = (scope: Scope, ms: number) => {
    if (ms > left) {
      left = ms;
      by = scope;
    }
  };
  consider("pair", blockLeftMs(buckets.pair, policy.pair, atMs));
  consider("client", blockLeftMs(buckets.client, policy.client, atMs));
  // The service-wide ceiling only stops clients that have themselves failed on this subject.
  const pairFailed = windowOpen(buckets.pair, policy.pair, atMs) && (buckets.pair?.failures ?? 0) > 0;
  if (pairFailed) consider("subject", blockLeftMs(buckets.subject, policy.subject, atMs));
  if (by === null) return { blocked: false };
  return { blocked: true, by, retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
}

export type FailureCount = { failures: number; blockedNow: boolean; retryAfterSeconds: number | null };

/**
 * One more failure on a bucket (what ./store.ts computes in SQL, in one statement; this is the
 * reference the store's tests compare with).
 */
export function afterFailure(bucket: Bucket | undefined, policy: WindowPolicy, atMs: number): Bucket & { blockedNow: boolean } {
  const fresh = !windowOpen(bucket, policy, atMs);
  const failures = fresh ? 1 : bucket!.failures + 1;
  const windowStartMs = fresh ? atMs : bucket!.windowStartMs;
  const blocked = blockLeftMs(bucket, policy, atMs) > 0;
  const blockedNow = failures >= policy.maxFailures && !blocked;
  const blockedUntilMs = blockedNow ? atMs + policy.blockMs : blocked ? bucket!.blockedUntilMs : (bucket?.blockedUntilMs ?? 0);
  return { windowStartMs, failures, blockedUntilMs, blockedNow };
}
