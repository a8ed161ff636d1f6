/** Sign-in checks against the user table (used by next-auth's credentials provider). */
import { db } from "../db";
import { now } from "../clock";
import { recordAudit } from "../audit/audit";
import { timingDummyHash, verifyPassword } from "./password";
import type { Role } from "@/generated/prisma/enums";

export type SessionUser = { id: string; email: string; name: string; role: Role };

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "locked"; lockedUntil?: Date };

export async function checkCredentials(rawEmail: unknown, rawPassword: unknown): Promise<SignInResult> {
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
