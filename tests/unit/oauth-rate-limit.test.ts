import { describe, expect, it } from "vitest";
import { FailureLimiter } from "@/lib/oauth/rate-limit";

const policy = { maxFailures: 3, windowMs: 60_000, blockMs: 30_000 };

describe("failure-based rate limiter", () => {
  it("blocks a key at the N-th failure in the window, for blockMs, with a Retry-After in whole seconds", () => {
    const limiter = new FailureLimiter(policy);
    expect(limiter.recordFailure("k", 0)).toEqual({ failures: 1, blockedNow: false, retryAfterSeconds: null });
    expect(limiter.recordFailure("k", 1_000).blockedNow).toBe(false);
    expect(limiter.retryAfterSeconds("k", 1_000)).toBeNull();
    expect(limiter.recordFailure("k", 2_000)).toEqual({ failures: 3, blockedNow: true, retryAfterSeconds: 30 });
    expect(limiter.retryAfterSeconds("k", 2_001)).toBe(30);
    expect(limiter.retryAfterSeconds("k", 31_001)).toBe(1);
    expect(limiter.retryAfterSeconds("k", 32_000)).toBeNull();
  });

  it("keeps keys apart", () => {
    const limiter = new FailureLimiter(policy);
    for (let i = 0; i < 3; i += 1) limiter.recordFailure("a", i);
    expect(limiter.retryAfterSeconds("a", 10)).not.toBeNull();
    expect(limiter.retryAfterSeconds("b", 10)).toBeNull();
  });

  it("starts a new window once the previous one is over", () => {
    const limiter = new FailureLimiter(policy);
    limiter.recordFailure("k", 0);
    limiter.recordFailure("k", 1_000);
    expect(limiter.recordFailure("k", 61_000)).toEqual({ failures: 1, blockedNow: false, retryAfterSeconds: null });
  });

  it("blocks again at the next failure inside the same window after a block ends", () => {
    const limiter = new FailureLimiter(policy);
    for (let i = 0; i < 3; i += 1) limiter.recordFailure("k", i);
    const again = limiter.recordFailure("k", 40_000);
    expect(again.blockedNow).toBe(true);
    expect(again.failures).toBe(4);
  });

  it("forgets a key on reset (a success clears the identifiant's failures)", () => {
    const limiter = new FailureLimiter(policy);
    limiter.recordFailure("k", 0);
    limiter.recordFailure("k", 1);
    limiter.reset("k");
    expect(limiter.recordFailure("k", 2).failures).toBe(1);
  });

  it("bounds its memory: expired keys are pruned first, then the oldest", () => {
    const limiter = new FailureLimiter({ ...policy, maxKeys: 100 });
    for (let i = 0; i < 100; i += 1) limiter.recordFailure(`old-${i}`, 0);
    expect(limiter.size).toBe(100);
    limiter.recordFailure("fresh", 120_000); // every old key has expired
    expect(limiter.size).toBe(1);
    for (let i = 0; i < 250; i += 1) limiter.recordFailure(`live-${i}`, 120_000);
    expect(limiter.size).toBe(100);
    expect(limiter.retryAfterSeconds("live-249", 120_000)).toBeNull();
  });
});
