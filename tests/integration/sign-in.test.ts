import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freezeClock } from "@/lib/clock";
import { checkCredentials, resetSignInLimits } from "@/lib/auth/users";
import { LOGIN_LOCKOUT } from "@/lib/rate-limit/rules";
import { withTestDatabase, resetToDemo } from "../support/test-db";

const PASSWORD = "Demo-Console-2026!";
const START = new Date("2026-12-01T09:00:00Z");
withTestDatabase();
beforeEach(async () => {
  await resetToDemo();
  await resetSignInLimits();
  freezeClock(START);
});

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one or an unknown email alike", async () => {
    expect((await checkCredentials("correspondant@demo.fr", PASSWORD, "203.0.113.1")).ok).toBe(true);
    expect(await checkCredentials("correspondant@demo.fr", "nope", "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials("inconnu@demo.fr", "nope", "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials({ email: 1 }, ["x"], "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("5 failures throttle the guessing client only: the holder signs in from another address at once (finding 3)", async () => {
    for (let i = 0; i < LOGIN_LOCKOUT.pair.maxFailures; i++) {
      expect(await checkCredentials("autre@demo.fr", `faux-${i}`, "198.51.100.7")).toEqual({ ok: false, reason: "invalid" });
    }
    // The guesser, even with the right password now, is throttled…
    expect(await checkCredentials("autre@demo.fr", PASSWORD, "198.51.100.7")).toMatchObject({ ok: false, reason: "rate_limited" });
    // …the holder, who has not failed, is not.
    expect((await checkCredentials("autre@demo.fr", PASSWORD, "203.0.113.20")).ok).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "LOGIN_FAILED", actorEmail: "autre@demo.fr" } })).toBe(5);
    const limited = await db().auditEvent.findMany({ where: { action: "LOGIN_RATE_LIMITED" } });
    expect(limited.map((e) => JSON.parse(e.details!) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ limitedBy: "email_client", email: "autre@demo.fr", address: "198.51.100.7", failures: 5 }),
    ]);
    freezeClock(new Date(START.getTime() + LOGIN_LOCKOUT.pair.blockMs + 1000));
    expect((await checkCredentials("autre@demo.fr", PASSWORD, "198.51.100.7")).ok).toBe(true);
  });

  it("past the service-wide ceiling for one email, only clients that failed are refused", async () => {
    // Distributed guessing: one failure from each of many addresses.
    for (let i = 0; i < LOGIN_LOCKOUT.subject.maxFailures; i++) await checkCredentials("autre@demo.fr", "faux", `10.1.${Math.floor(i / 200)}.${i % 200}`);
    expect(await checkCredentials("autre@demo.fr", "faux-encore", "10.1.0.3")).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((await checkCredentials("autre@demo.fr", PASSWORD, "10.1.0.4")).ok === false).toBe(true);
    expect((await checkCredentials("autre@demo.fr", PASSWORD, "203.0.113.99")).ok).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "LOGIN_RATE_LIMITED", details: { contains: '"limitedBy":"email"' } } })).toBe(1);
  });

  it("blocks an address after too many failures (any emails), audited, then lets it in again", async () => {
    for (let i = 0; i < LOGIN_LOCKOUT.client.maxFailures; i++) await checkCredentials(`personne-${i}@demo.fr`, "x", "192.0.2.10");
    const blocked = await checkCredentials("correspondant@demo.fr", PASSWORD, "192.0.2.10");
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((blocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((await checkCredentials("correspondant@demo.fr", PASSWORD, "192.0.2.11")).ok).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "LOGIN_RATE_LIMITED" } })).toBe(1);
    freezeClock(new Date(START.getTime() + LOGIN_LOCKOUT.client.blockMs + 1000));
    expect((await checkCredentials("correspondant@demo.fr", PASSWORD, "192.0.2.10")).ok).toBe(true);
  });

  it("answers an unknown email exactly as a known one, also once throttled (finding 7)", async () => {
    const answers = async (email: string, address: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < LOGIN_LOCKOUT.pair.maxFailures + 2; i++) out.push(await checkCredentials(email, `faux-${i}`, address));
      return out;
    };
    expect(await answers("inconnu@demo.fr", "203.0.113.40")).toEqual(await answers("autre@demo.fr", "203.0.113.41"));
  });
});
