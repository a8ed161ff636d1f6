import { describe, expect, it } from "vitest";
import { AccessCache, type AccessEntry } from "@/lib/oauth/access-cache";

const T = 1_000_000;

function entry(expiresAtMs = T + 300_000, prefixes: string[] = ["dh7"]): AccessEntry {
  return {
    account: { id: "a1", identifiant: "api-demo-1" },
    expiresAtMs,
    grants: new Map(prefixes.map((p) => [p, { code: p.toUpperCase(), name: p }])),
  };
}

describe("access-token cache (pure)", () => {
  it("serves a stored token while the database version does not move", () => {
    const cache = new AccessCache();
    expect(cache.lookup("h", 1, T)).toBeUndefined();
    cache.store("h", 1, entry());
    expect(cache.lookup("h", 1, T)?.account.identifiant).toBe("api-demo-1");
    expect(cache.lookup("h", 1, T + 1_000)?.grants.get("dh7")).toEqual({ code: "DH7", name: "dh7" });
    expect(cache.stats).toEqual({ hits: 2, misses: 1 });
  });

  it("drops every entry as soon as the database version moves (any committed write)", () => {
    const cache = new AccessCache();
    cache.store("h1", 1, entry());
    cache.store("h2", 1, entry());
    expect(cache.lookup("h1", 2, T)).toBeUndefined();
    expect(cache.size).toBe(0);
    // Back to an older version number does not resurrect anything either.
    expect(cache.lookup("h2", 1, T)).toBeUndefined();
  });

  it("never stores what was read before the version it has already seen (a write raced the query)", () => {
    const cache = new AccessCache();
    cache.store("fresh", 5, entry());
    cache.store("stale", 4, entry());
    expect(cache.lookup("stale", 5, T)).toBeUndefined();
    expect(cache.lookup("fresh", 5, T)).toBeDefined();
  });

  it("an entry stored at a version that moved before any lookup is dropped by the next lookup", () => {
    const cache = new AccessCache();
    cache.store("h", 7, entry());
    expect(cache.lookup("h", 8, T)).toBeUndefined();
  });

  it("compares expiry with the instant of each lookup (the demo clock moves both ways)", () => {
    const cache = new AccessCache();
    cache.store("h", 1, entry(T + 300_000));
    expect(cache.lookup("h", 1, T + 299_999)).toBeDefined();
    expect(cache.lookup("h", 1, T + 300_000)).toBeUndefined();
    // Expired entries are removed: an earlier instant asks the database again.
    expect(cache.lookup("h", 1, T)).toBeUndefined();
  });

  it("bypasses the cache when the version is unknown", () => {
    const cache = new AccessCache();
    cache.store("h", null, entry());
    expect(cache.size).toBe(0);
    cache.store("h", 1, entry());
    expect(cache.lookup("h", null, T)).toBeUndefined();
    expect(cache.lookup("h", 1, T)).toBeUndefined();
  });

  it("holds at most maxEntries tokens (the oldest goes first)", () => {
    const cache = new AccessCache(3);
    for (const h of ["a", "b", "c", "d"]) cache.store(h, 1, entry());
    expect(cache.size).toBe(3);
    expect(cache.lookup("a", 1, T)).toBeUndefined();
    expect(cache.lookup("d", 1, T)).toBeDefined();
  });
});
