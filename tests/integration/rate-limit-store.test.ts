/**
 * The failure counters in the database (lib/rate-limit/store.ts): the one SQL statement gives what
 * the pure rules give, and concurrent failures never lose a count nor start two blocks.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { afterFailure, type Bucket, type WindowPolicy } from "@/lib/rate-limit/rules";
import { countFailure, readBuckets, takeQuota } from "@/lib/rate-limit/store";
import { withTestDatabase } from "../support/test-db";

withTestDatabase();
beforeEach(async () => {
  await db().rateLimitBucket.deleteMany();
});

describe("failure counters in the database", () => {
  it("match the pure rules on random sequences of instants (demo clock moving back included)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ maxFailures: fc.integer({ min: 1, max: 5 }), windowMs: fc.integer({ min: 1, max: 10_000 }), blockMs: fc.integer({ min: 1, max: 10_000 }) }),
        fc.array(fc.integer({ min: -5_000, max: 30_000 }), { minLength: 1, maxLength: 12 }),
        async (policy: WindowPolicy, deltas) => {
          const key = `t:${run++}`;
          let at = 1_000_000;
          let model: Bucket | undefined;
          for (const delta of deltas) {
            at += delta;
            const expected = afterFailure(model, policy, at);
            model = expected;
            const got = await countFailure(key, policy, at);
            expect(got.failures).toBe(expected.failures);
            expect(got.blockedNow).toBe(expected.blockedNow);
            const stored = (await readBuckets([key])).get(key)!;
            expect(stored).toEqual({ windowStartMs: expected.windowStartMs, failures: expected.failures, blockedUntilMs: expected.blockedUntilMs });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("40 concurrent failures: every one counted, exactly one starts the block", async () => {
    const policy = { maxFailures: 5, windowMs: 60_000, blockMs: 60_000 };
    const results = await Promise.all(Array.from({ length: 40 }, () => countFailure("concurrent", policy, 5_000)));
    expect(results.map((r) => r.failures).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(results.filter((r) => r.blockedNow)).toHaveLength(1);
  });

  it("a quota lets exactly its number of uses through under concurrency", async () => {
    const results = await Promise.all(Array.from({ length: 25 }, () => takeQuota("quota", { maxFailures: 10, windowMs: 60_000, blockMs: 60_000 }, 9_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});
