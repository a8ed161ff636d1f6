/**
 * Read state of « Messages », per person (MessageRead): the unread count of the header and the
 * « Nouveau » tag. Only the reader's own actions write it (opening a message, « Tout marquer comme
 * lu »); a page render only reads it.
 */
import { db } from "../db";
import { now } from "../clock";
import { Prisma } from "@/generated/prisma/client";
import { canReadMessages, readableMessageSql, type Actor } from "../authorization";
import { fail, type ActionResult } from "../action-result";

/** Marks at most this many messages per « Tout marquer comme lu » (the rest on the next click). */
const MARK_ALL_BATCH = 500;

const idOf = (value: unknown) => (typeof value === "string" && value.length <= 64 ? value : "");

/** SQL condition on an outbox message `m`: not opened by the actor. */
const unreadBy = (actor: Actor) => Prisma.sql`NOT EXISTS (SELECT 1 FROM "MessageRead" r WHERE r."messageId" = m."id" AND r."userId" = ${actor.id})`;

export async function unreadMessageCount(actor: Actor): Promise<number> {
  if (!canReadMessages(actor)) return 0;
  const rows = await db().$queryRaw<{ n: number | bigint }[]>`
    SELECT COUNT(*) AS "n" FROM "OutboxMessage" m WHERE ${readableMessageSql(actor)} AND ${unreadBy(actor)}`;
  return Number(rows[0]?.n ?? 0);
}

/** Is this message one the actor may read? (its id, or null) */
export async function readableMessageId(actor: Actor, messageId: string): Promise<string | null> {
  if (!canReadMessages(actor) || !messageId) return null;
  const rows = await db().$queryRaw<{ id: string }[]>`SELECT m."id" FROM "OutboxMessage" m WHERE m."id" = ${messageId} AND ${readableMessageSql(actor)}`;
  return rows[0]?.id ?? null;
}

/** Opening a message marks it read (idempotent; a message the person cannot read is "not found"). */
export async function markMessageRead(actor: Actor, messageId: unknown): Promise<ActionResult> {
  const id = await readableMessageId(actor, idOf(messageId));
  if (!id) return fail("Ce message n'existe pas ou ne vous est pas adressé.");
  await db().messageRead.upsert({
    where: { userId_messageId: { userId: actor.id, messageId: id } },
    create: { userId: actor.id, messageId: id, readAt: now() },
    update: {},
  });
  return { ok: true, data: undefined };
}

export async function markAllMessagesRead(actor: Actor): Promise<ActionResult<{ marked: number }>> {
  if (!canReadMessages(actor)) return fail("Les messages sont réservés aux correspondants entreprise.");
  const unread = await db().$queryRaw<{ id: string }[]>`
    SELECT m."id" FROM "OutboxMessage" m WHERE ${readableMessageSql(actor)} AND ${unreadBy(actor)}
    ORDER BY m."createdAt" DESC LIMIT ${MARK_ALL_BATCH}`;
  const at = now();
  await db().$transaction(async (tx) => {
    for (const m of unread) {
      await tx.messageRead.upsert({ where: { userId_messageId: { userId: actor.id, messageId: m.id } }, create: { userId: actor.id, messageId: m.id, readAt: at }, update: {} });
    }
  });
  const message = unread.length === 0 ? "Aucun message non lu." : `${unread.length} message${unread.length > 1 ? "s marqués" : " marqué"} comme lu${unread.length > 1 ? "s" : ""}.`;
  return { ok: true, message, data: { marked: unread.length } };
}
