import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freezeClock } from "@/lib/clock";
import { checkCredentials, LOGIN_LOCK_MS, LOGIN_MAX_FAILURES, SIGN_IN_ADDRESS_LIMIT, signInAddressLimiter } from "@/lib/auth/users";
import { withTestDatabase, resetToDemo } from "../support/test-db";

const PASSWORD = "Demo-Console-2026!";
withTestDatabase();
beforeEach(async () => {
  await resetToDemo();
  signInAddressLimiter.clear();
  freezeClock(null);
});

describe("sign-in", () => {
  it("accepts the right password and refuses a wrong one or an unknown email alike", async () => {
    expect((await checkCredentials("correspondant@demo.fr", PASSWORD, "203.0.113.1")).ok).toBe(true);
    expect(await checkCredentials("correspondant@demo.fr", "nope", "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials("inconnu@demo.fr", "nope", "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials({ email: 1 }, ["x"], "203.0.113.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks an account for 15 min after ${LOGIN_MAX_FAILURES} failures, audited, even for the right password`, async () => {
    const start = new Date("2026-12-01T09:00:00Z");
    freezeClock(start);
    for (let i = 0; i < LOGIN_MAX_FAILURES; i++) await checkCredentials("autre@demo.fr", `faux-${i}`, `198.51.100.${i}`);
    const locked = await checkCredentials("autre@demo.fr", PASSWORD, "198.51.100.50");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    expect(await db().auditEvent.count({ where: { action: "LOGIN_LOCKED", actorEmail: "autre@demo.fr" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "LOGIN_FAILED", actorEmail: "autre@demo.fr" } })).toBe(LOGIN_MAX_FAILURES - 1);
    freezeClock(new Date(start.getTime() + LOGIN_LOCK_MS + 1000));
    expect((await checkCredentials("autre@demo.fr", PASSWORD, "198.51.100.50")).ok).toBe(true);
  });

  it("blocks an address after too many failures (any emails), audited, then lets it in again", async () => {
    const start = new Date("2026-12-01T09:00:00Z");
    freezeClock(start);
    for (let i = 0; i < SIGN_IN_ADDRESS_LIMIT.maxFailures; i++) await checkCredentials(`personne-${i}@demo.fr`, "x", "192.0.2.10");
    const blocked = await checkCredentials("correspondant@demo.fr", PASSWORD, "192.0.2.10");
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((blocked as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((await checkCredentials("correspondant@demo.fr", PASSWORD, "192.0.2.11")).ok).toBe(true);
    expect(await db().auditEvent.count({ where: { action: "LOGIN_RATE_LIMITED" } })).toBe(1);
    freezeClock(new Date(start.getTime() + SIGN_IN_ADDRESS_LIMIT.blockMs + 1000));
    expect((await checkCredentials("correspondant@demo.fr", PASSWORD, "192.0.2.10")).ok).toBe(true);
  });
});
