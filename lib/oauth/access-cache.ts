/**
 * The resource side's cache of VALID access tokens (pure: the caller passes the database version
 * and the instant). An entry holds what the simulated APIs need for a token — its account, its
 * expiry and the account's active habilitations — keyed by the token's SHA-256, and stamped with
 * the database version read BEFORE the database was queried (lib/db-changes.ts).
 *
 * Never served stale:
 *  - any committed write (password change, account deletion, refresh-token reuse, habilitation
 *    revoked or granted, token rows edited by hand…) changes the version: the next lookup sees a
 *    new version and drops every entry;
 *  - an entry stamped with an older version than the cache's is never stored;
 *  - expiry is compared with the instant passed at EVERY lookup (lib/clock.ts, the demo clock
 *    included), exactly as the database check does;
 *  - versions only grow (lib/db-changes.ts counts them);
 *  - an unknown version (null) bypasses the cache: nothing is read from it nor stored in it;
 *  - only valid tokens are stored (refusals always go to the database), at most `maxEntries`.
 */

export type Grant = { code: string; name: string };

export type AccessEntry = {
  account: { id: string; identifiant: string };
  expiresAtMs: number;
  /** Active habilitations of the account, by API path prefix. */
  grants: ReadonlyMap<string, Grant>;
};

export class AccessCache {
  private readonly entries = new Map<string, AccessEntry>();
  private version: number | null = null;
  /** Lookups answered from memory / sent to the database (observability, tests, bench). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(readonly maxEntries = 10_000) {}

  /** The entry of a token stored at this very version and not expired at `atMs` (undefined otherwise: ask the database). */
  lookup(tokenHash: string, version: number | null, atMs: number): AccessEntry | undefined {
    let entry = this.sync(version) ? this.entries.get(tokenHash) : undefined;
    if (entry && entry.expiresAtMs <= atMs) {
      this.entries.delete(tokenHash);
      entry = undefined;
    }
    if (entry) this.stats.hits += 1;
    else this.stats.misses += 1;
    return entry;
  }

  /** Stores what the database said at `version` (the version read before querying it). */
  store(tokenHash: string, version: number | null, entry: AccessEntry): void {
    if (version === null || version !== this.version) {
      // First store, or the cache moved on: only a version at least as new may (re)start it.
      if (version === null || (this.version !== null && version < this.version)) return;
      this.sync(version);
    }
    if (!this.entries.has(tokenHash) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, entry);
  }

  /** Empties the cache and its counters. */
  clear(): void {
    this.entries.clear();
    this.version = null;
    this.stats.hits = 0;
    this.stats.misses = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Follows the database version: a new version empties the cache. False when the version is unknown. */
  private sync(version: number | null): boolean {
    if (version === null) {
      this.entries.clear();
      this.version = null;
      return false;
    }
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    return true;
  }
}
