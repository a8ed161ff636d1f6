/** "Messages": the outbox, scoped to the SIRETs of the reader (lib/authorization). */
import { db } from "../db";
import { readableMessagesWhere, scopeSirets, type Actor } from "../authorization";
import { observeUrlActivations } from "../habilitations/activation";
import { smtpUrl } from "./mailer";

export const MESSAGES_PAGE_SIZE = 20;

export type MessagesQuery = { page?: number; siret?: string };

export async function listMessages(actor: Actor, query: MessagesQuery) {
  const sirets = await scopeSirets(actor);
  if (sirets.length > 0) {
    const accounts = await db().apiAccount.findMany({ where: { establishment: { siret: { in: sirets } } }, select: { id: true } });
    await observeUrlActivations(accounts.map((a) => a.id));
  }
  const scope = await readableMessagesWhere(actor);
  const siret = query.siret && sirets.includes(query.siret) ? query.siret : undefined;
  const where = { AND: [scope, siret ? { siret } : {}] };
  const total = await db().outboxMessage.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / MESSAGES_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
  const rows = await db().outboxMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * MESSAGES_PAGE_SIZE,
    take: MESSAGES_PAGE_SIZE,
    select: { id: true, createdAt: true, kind: true, recipients: true, subject: true, text: true, siret: true, sentAt: true, sendError: true },
  });
  return { total, page, pageCount, sirets, siret: siret ?? null, smtpConfigured: Boolean(smtpUrl()), rows };
}

export type MessageRow = Awaited<ReturnType<typeof listMessages>>["rows"][number];
