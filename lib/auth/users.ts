/** Sign-in checks against the user table (used by next-auth's credentials provider). */
import { db } from "../db";
import { now } from "../clock";
import { recordAudit } from "../audit/audit";
import { timingDummyHash, verifyPassword } from "./password";
import { FailureLimiter, type LimiterPolicy } from "../oauth/rate-limit";
import type { Role } from "@/generated/prisma/enums";

export type SessionUser = { id: string; email: string; name: string; role: Role };

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MS = 15 * 60 * 1000;

/** Sign-in failures from one client address: 20 within 15 min → 15 min without any attempt from it. */
export const SIGN_IN_ADDRESS_LIMIT: LimiterPolicy = { maxFailures: 20, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };

const globalForLimiter = globalThis as unknown as { __signInLimiter?: FailureLimiter };
export const signInAddressLimiter: FailureLimiter = (globalForLimiter.__signInLimiter ??= new FailureLimiter(SIGN_IN_ADDRESS_LIMIT));

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "locked"; lockedUntil?: Date }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export async function checkCredentials(rawEmail: unknown, rawPassword: unknown, address = "inconnue"): Promise<SignInResult> {
  const atMs = now().getTime();
  const retryAfter = signInAddressLimiter.retryAfterSeconds(address, atMs);
  if (retryAfter !== null) return { ok: false, reason: "rate_limited", retryAfterSeconds: retryAfter };
  const result = await verifyCredentials(rawEmail, rawPassword);
  if (!result.ok) {
    const outcome = signInAddressLimiter.recordFailure(address, atMs);
    if (outcome.blockedNow) {
      await recordAudit({ actor: null, action: "LOGIN_RATE_LIMITED", details: { address, failures: outcome.failures } });
    }
  }
  return result;
}

async function verifyCredentials(rawEmail: unknown, rawPassword: unknown): Promise<SignInResult> {
  const email = typeof rawEmail === "string" ? rawEmail.trim().toLowerCase().slice(0, 254) : "";
  const password = typeof rawPassword === "string" ? rawPassword.slice(0, 1024) : "";
  if (!email || !password) return { ok: false, reason: "invalid" };

  const user = await db().user.findUnique({ where: { email } });
  if (!user) {
    await verifyPassword(await timingDummyHash(), password);
    return { ok: false, reason: "invalid" };
  }
  const at = now();
  if (user.lockedUntil && user.lockedUntil > at) {
    return { ok: false, reason: "locked", lockedUntil: user.lockedUntil };
  }
  const valid = await verifyPassword(user.passwordHash, password);
  if (!valid) {
    const failures = user.failedLoginCount + 1;
    const lock = failures >= LOGIN_MAX_FAILURES;
    const lockedUntil = lock ? new Date(at.getTime() + LOGIN_LOCK_MS) : null;
    await db().user.update({
      where: { id: user.id },
      data: { failedLoginCount: lock ? 0 : failures, lockedUntil },
    });
    await recordAudit({
      actor: { id: user.id, email: user.email },
      action: lock ? "LOGIN_LOCKED" : "LOGIN_FAILED",
      details: lock ? { lockedUntil: lockedUntil!.toISOString() } : { failures },
    });
    return lock ? { ok: false, reason: "locked", lockedUntil: lockedUntil! } : { ok: false, reason: "invalid" };
  }
  if (user.failedLoginCount > 0 || user.lockedUntil) {
    await db().user.update({ where: { id: user.id }, data: { failedLoginCount: 0, lockedUntil: null } });
  }
  await recordAudit({ actor: { id: user.id, email: user.email }, action: "LOGIN_SUCCEEDED" });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
