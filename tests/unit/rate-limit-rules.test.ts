/** Smart lockout (finding 3): the guessing client is throttled, the holder never. */
import { describe, expect, it } from "vitest";
import { afterFailure, blockLeftMs, lockoutKeys, lockoutVerdict, OAUTH_LOCKOUT, type Bucket, type WindowPolicy } from "@/lib/rate-limit/rules";

const policy: WindowPolicy = { maxFailures: 3, windowMs: 60_000, blockMs: 30_000 };

function run(times: number[]): (Bucket & { blockedNow: boolean })[] {
  let bucket: Bucket | undefined;
  return times.map((t) => {
    const next = afterFailure(bucket, policy, t);
    bucket = next;
    return next;
  });
}

describe("one counter", () => {
  it("blocks at the limit inside a window, once; a new window starts over", () => {
    const steps = run([0, 1_000, 2_000, 40_000, 61_000]);
    expect(steps.map((s) => s.failures)).toEqual([1, 2, 3, 4, 1]);
    expect(steps.map((s) => s.blockedNow)).toEqual([false, false, true, true, false]);
    expect(steps[2]!.blockedUntilMs).toBe(32_000);
    expect(steps[3]!.blockedUntilMs).toBe(70_000); // a failure after the block, same window: blocked again
  });

  it("ignores a window or a block that starts after now (the demo clock went back)", () => {
    const future: Bucket = { windowStartMs: 10_000_000, failures: 50, blockedUntilMs: 10_030_000 };
    expect(blockLeftMs(future, policy, 0)).toBe(0);
    expect(afterFailure(future, policy, 0)).toMatchObject({ failures: 1, windowStartMs: 0, blockedNow: false });
  });
});

describe("three counters", () => {
  const at = 1_000_000;
  const blocked = (ms: number): Bucket => ({ windowStartMs: at - 1000, failures: 99, blockedUntilMs: at + ms });

  it("the pair and the client block by themselves", () => {
    expect(lockoutVerdict({ pair: blocked(60_000) }, OAUTH_LOCKOUT, at)).toEqual({ blocked: true, by: "pair", retryAfterSeconds: 60 });
    expect(lockoutVerdict({ client: blocked(5_000) }, OAUTH_LOCKOUT, at)).toEqual({ blocked: true, by: "client", retryAfterSeconds: 5 });
    expect(lockoutVerdict({}, OAUTH_LOCKOUT, at)).toEqual({ blocked: false });
  });

  it("the service-wide ceiling never blocks a client that has not failed on the subject", () => {
    expect(lockoutVerdict({ subject: blocked(60_000) }, OAUTH_LOCKOUT, at)).toEqual({ blocked: false });
    const failedOnce: Bucket = { windowStartMs: at - 1000, failures: 1, blockedUntilMs: 0 };
    expect(lockoutVerdict({ subject: blocked(60_000), pair: failedOnce }, OAUTH_LOCKOUT, at)).toMatchObject({ blocked: true, by: "subject" });
    const failedLongAgo: Bucket = { windowStartMs: at - OAUTH_LOCKOUT.pair.windowMs - 1, failures: 1, blockedUntilMs: 0 };
    expect(lockoutVerdict({ subject: blocked(60_000), pair: failedLongAgo }, OAUTH_LOCKOUT, at)).toEqual({ blocked: false });
  });

  it("keys subjects and clients case-insensitively, bounded", () => {
    const keys = lockoutKeys(OAUTH_LOCKOUT, "API-Demo-1", "testeur:ABC");
    expect(keys).toEqual({ pair: "oauth:pair:api-demo-1|testeur:abc", client: "oauth:client:testeur:abc", subject: "oauth:subject:api-demo-1" });
    expect(lockoutKeys(OAUTH_LOCKOUT, "x".repeat(5000), "y").subject.length).toBeLessThan(250);
  });
});
