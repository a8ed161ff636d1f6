/**
 * Sign-in checks against the user table (used by next-auth's credentials provider).
 *
 * Failures are limited as "smart lockout" does (lib/rate-limit/rules.ts, counters in the database):
 * the guessing client on this email, the client on any email, and a service-wide ceiling per email
 * that only stops clients that have failed on it. A person is never locked out by someone else's
 * guesses, and the answers never depend on whether the email exists: an unknown email is counted,
 * limited and answered exactly like a known one (no enumeration).
 */
import { db } from "../db";
import { nowMs } from "../clock";
import { recordAudit } from "../audit/audit";
import { timingDummyHash, verifyPassword } from "./password";
import { LOGIN_LOCKOUT, lockoutKeys, type Scope } from "../rate-limit/rules";
import { checkLockout, clearLockoutPair, clearNamespace, recordLockoutFailure } from "../rate-limit/store";
import { UNKNOWN_ADDRESS } from "../net/client-address";
import type { Role } from "@/generated/prisma/enums";

export type SessionUser = { id: string; email: string; name: string; role: Role };

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

const LIMITED_BY: Record<Scope, string> = { pair: "email_client", client: "client", subject: "email" };

/** Forget every counted sign-in failure (tests). */
export function resetSignInLimits(): Promise<void> {
  return clearNamespace(LOGIN_LOCKOUT.name);
}

function normaliseEmail(raw: unknown): string {
  return typeof raw === "string" ? raw.trim().toLowerCase().slice(0, 254) : "";
}

export async function checkCredentials(rawEmail: unknown, rawPassword: unknown, address = UNKNOWN_ADDRESS): Promise<SignInResult> {
  const email = normaliseEmail(rawEmail);
  const password = typeof rawPassword === "string" ? rawPassword.slice(0, 1024) : "";
  if (!email || !password) return { ok: false, reason: "invalid" };

  const keys = lockoutKeys(LOGIN_LOCKOUT, email, address);
  const verdict = await checkLockout(LOGIN_LOCKOUT, keys, nowMs());
  if (verdict.blocked) return { ok: false, reason: "rate_limited", retryAfterSeconds: verdict.retryAfterSeconds };

  const user = await db().user.findUnique({ where: { email } });
  // Unknown email: the same argon2id work against a dummy hash (same answer, same timing).
  const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), password);
  if (!user || !valid) {
    const counts = await recordLockoutFailure(LOGIN_LOCKOUT, keys, nowMs());
    const actor = user ? { id: user.id, email: user.email } : null;
    const who = { email: email.slice(0, 100), address, known: Boolean(user) };
    await recordAudit({
      actor,
      action: "LOGIN_FAILED",
      details: { ...who, failures: counts.pair.failures, clientFailures: counts.client.failures, emailFailures: counts.subject.failures },
    });
    for (const scope of ["pair", "client", "subject"] as const) {
      if (!counts[scope].blockedNow) continue;
      await recordAudit({
        actor,
        action: "LOGIN_RATE_LIMITED",
        details: { limitedBy: LIMITED_BY[scope], ...who, failures: counts[scope].failures, retryAfterSeconds: counts[scope].retryAfterSeconds },
      });
    }
    return { ok: false, reason: "invalid" };
  }
  await clearLockoutPair(keys);
  await recordAudit({ actor: { id: user.id, email: user.email }, action: "LOGIN_SUCCEEDED", details: { address, method: "credentials" } });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
