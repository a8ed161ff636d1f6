/**
 * Server-side sessions. next-auth keeps the session in a signed, encrypted cookie (JWT): on its
 * own, that cookie would stay valid for 8 h whatever happens. So each sign-in opens a row
 * (UserSession) and the cookie carries a random id; the SHA-256 of that id is the row's key. A
 * session is valid only while its row exists, belongs to the cookie's user and has not ended:
 * signing out ends it; a person's password change, the removal of a correspondent or of one of
 * their SIRETs end all of that person's sessions — on every instance at once (the database).
 */
import { createHash, randomBytes } from "node:crypto";
import { db, type Db, type Tx } from "../db";
import { now } from "../clock";

export type SessionEndReason = "SIGN_OUT" | "PASSWORD_CHANGED" | "SCOPE_REMOVED" | "CORRESPONDENT_REMOVED";

/** Rows of sessions ended or older than this are deleted at the next sign-in (sessions last 8 h). */
const KEEP_MS = 48 * 3600_000;

function rowId(sessionId: string): string {
  return createHash("sha256").update(sessionId, "utf8").digest("hex");
}

/** A new session for a user who just signed in: the id to put in the cookie. */
export async function openSession(userId: string): Promise<string> {
  const sessionId = randomBytes(32).toString("base64url");
  const at = now();
  await db().userSession.create({ data: { id: rowId(sessionId), userId, createdAt: at } });
  await db().userSession.deleteMany({ where: { createdAt: { lt: new Date(at.getTime() - KEEP_MS) } } });
  return sessionId;
}

/** Is this cookie's session still open for this user? */
export async function sessionIsOpen(sessionId: unknown, userId: unknown): Promise<boolean> {
  if (typeof sessionId !== "string" || sessionId.length > 100 || typeof userId !== "string") return false;
  const row = await db().userSession.findUnique({ where: { id: rowId(sessionId) }, select: { userId: true, endedAt: true } });
  return row !== null && row.endedAt === null && row.userId === userId;
}

/** Ends one session (sign-out). */
export async function endSession(sessionId: unknown, reason: SessionEndReason = "SIGN_OUT"): Promise<void> {
  if (typeof sessionId !== "string" || sessionId.length > 100) return;
  await db().userSession.updateMany({ where: { id: rowId(sessionId), endedAt: null }, data: { endedAt: now(), endReason: reason } });
}

/** Ends every open session of a person, in the transaction of the change that calls for it. */
export async function endUserSessions(tx: Tx | Db, userId: string, reason: SessionEndReason): Promise<number> {
  const ended = await tx.userSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now(), endReason: reason } });
  return ended.count;
}
