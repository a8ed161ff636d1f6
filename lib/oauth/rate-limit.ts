/**
 * Failure-based rate limiting of the token endpoint (pure: the caller passes the instant).
 * A key (an identifiant, a client address) that reaches `maxFailures` failures within `windowMs`
 * is blocked for `blockMs`; every further failure inside the same window blocks it again.
 * Memory is bounded: at most `maxKeys` keys (expired ones pruned first, then the oldest).
 */

export type LimiterPolicy = { maxFailures: number; windowMs: number; blockMs: number; maxKeys?: number };

/** Token endpoint: 5 failed password grants for one identifiant within 15 min → 5 min of 429. */
export const IDENTIFIANT_LIMIT: LimiterPolicy = { maxFailures: 5, windowMs: 15 * 60_000, blockMs: 5 * 60_000 };
/** Token endpoint: 20 failed password grants from one client address within 15 min → 15 min of 429. */
export const ADDRESS_LIMIT: LimiterPolicy = { maxFailures: 20, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

type Entry = { windowStart: number; failures: number; blockedUntil: number };

export type FailureOutcome = {
  failures: number;
  /** True when this failure started a block (audit it once). */
  blockedNow: boolean;
  retryAfterSeconds: number | null;
};

export class FailureLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly maxKeys: number;

  constructor(readonly policy: LimiterPolicy) {
    this.maxKeys = policy.maxKeys ?? 10_000;
  }

  /** Seconds until the key may try again (≥ 1), or null when it is not blocked. */
  retryAfterSeconds(key: string, atMs: number): number | null {
    const entry = this.entries.get(key);
    if (!entry || entry.blockedUntil <= atMs) return null;
    return Math.max(1, Math.ceil((entry.blockedUntil - atMs) / 1000));
  }

  recordFailure(key: string, atMs: number): FailureOutcome {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { windowStart: atMs, failures: 0, blockedUntil: 0 };
      this.insert(key, entry, atMs);
    } else if (entry.windowStart + this.policy.windowMs <= atMs) {
      // A new window; a block still running is kept.
      entry.windowStart = atMs;
      entry.failures = 0;
    }
    entry.failures += 1;
    let blockedNow = false;
    if (entry.failures >= this.policy.maxFailures && entry.blockedUntil <= atMs) {
      entry.blockedUntil = atMs + this.policy.blockMs;
      blockedNow = true;
    }
    return { failures: entry.failures, blockedNow, retryAfterSeconds: this.retryAfterSeconds(key, atMs) };
  }

  /** Forget a key (a successful sign-in clears its identifiant's failures). */
  reset(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private insert(key: string, entry: Entry, atMs: number): void {
    if (this.entries.size >= this.maxKeys) this.prune(atMs);
    while (this.entries.size >= this.maxKeys) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }

  private prune(atMs: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.windowStart + this.policy.windowMs <= atMs && entry.blockedUntil <= atMs) this.entries.delete(key);
    }
  }
}
