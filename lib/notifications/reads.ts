/**
 * Read state of « Messages », per person (MessageRead): the unread count of the header and the
 * « Nouveau » tag. Only the reader's own actions write it (opening a message, « Tout marquer comme
 * lu »); a page render only reads it.
 */
import { db } from "../db";
import { now } from "../clock";
import { canReadMessages, readableMessagesWhere, type Actor } from "../authorization";
import { fail, type ActionResult } from "../action-result";

/** Marks at most this many messages per « Tout marquer comme lu » (the rest on the next click). */
const MARK_ALL_BATCH = 500;

const idOf = (value: unknown) => (typeof value === "string" && value.length <= 64 ? value : "");

export async function unreadMessageCount(actor: Actor): Promise<number> {
  const scope = await readableMessagesWhere(actor);
  return db().outboxMessage.count({ where: { AND: [scope, { reads: { none: { userId: actor.id } } }] } });
}

/** Opening a message marks it read (idempotent; a message the person cannot read is "not found"). */
export async function markMessageRead(actor: Actor, messageId: unknown): Promise<ActionResult> {
  const scope = await readableMessagesWhere(actor);
  const message = await db().outboxMessage.findFirst({ where: { AND: [scope, { id: idOf(messageId) }] }, select: { id: true } });
  if (!message) return fail("Ce message n'existe pas ou ne vous est pas adressé.");
  await db().messageRead.upsert({
    where: { userId_messageId: { userId: actor.id, messageId: message.id } },
    create: { userId: actor.id, messageId: message.id, readAt: now() },
    update: {},
  });
  return { ok: true, data: undefined };
}

export async function markAllMessagesRead(actor: Actor): Promise<ActionResult<{ marked: number }>> {
  if (!canReadMessages(actor)) return fail("Les messages sont réservés aux correspondants entreprise.");
  const scope = await readableMessagesWhere(actor);
  const unread = await db().outboxMessage.findMany({
    where: { AND: [scope, { reads: { none: { userId: actor.id } } }] },
    select: { id: true },
    orderBy: { createdAt: "desc" },
    take: MARK_ALL_BATCH,
  });
  const at = now();
  await db().$transaction(async (tx) => {
    for (const m of unread) {
      await tx.messageRead.upsert({ where: { userId_messageId: { userId: actor.id, messageId: m.id } }, create: { userId: actor.id, messageId: m.id, readAt: at }, update: {} });
    }
  });
  const message = unread.length === 0 ? "Aucun message non lu." : `${unread.length} message${unread.length > 1 ? "s marqués" : " marqué"} comme lu${unread.length > 1 ? "s" : ""}.`;
  return { ok: true, message, data: { marked: unread.length } };
}
