/** "Messages": the outbox, scoped to the SIRETs of the reader (lib/authorization). */
import { db } from "../db";
import { Prisma } from "@/generated/prisma/client";
import { canUseCustomsDesk, readableMessageSql, scopeSirets, type Actor } from "../authorization";
import { unreadMessageCount } from "./reads";
import { smtpUrl } from "./mailer";

export const MESSAGES_PAGE_SIZE = 20;

export type MessagesQuery = { page?: number; siret?: string };

export async function listMessages(actor: Actor, query: MessagesQuery) {
  const sirets = await scopeSirets(actor);
  const siret = query.siret && sirets.includes(query.siret) ? query.siret : undefined;
  // The scope as a subquery (lib/authorization: no parameter per SIRET), then the page's rows by id.
  const where = Prisma.sql`${readableMessageSql(actor)}${siret ? Prisma.sql` AND m."siret" = ${siret}` : Prisma.empty}`;
  const total = Number((await db().$queryRaw<{ n: number | bigint }[]>`SELECT COUNT(*) AS "n" FROM "OutboxMessage" m WHERE ${where}`)[0]?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / MESSAGES_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
  const pageIds = (
    await db().$queryRaw<{ id: string }[]>`
      SELECT m."id" FROM "OutboxMessage" m WHERE ${where}
      ORDER BY m."createdAt" DESC, m."id" DESC LIMIT ${MESSAGES_PAGE_SIZE} OFFSET ${(page - 1) * MESSAGES_PAGE_SIZE}`
  ).map((r) => r.id);
  const found = await db().outboxMessage.findMany({
    where: { id: { in: pageIds } },
    select: {
      id: true,
      createdAt: true,
      kind: true,
      recipients: true,
      subject: true,
      text: true,
      siret: true,
      apiAccountId: true,
      sentAt: true,
      sendError: true,
      status: true,
      attempts: true,
      reads: { where: { userId: actor.id }, select: { readAt: true } },
    },
  });
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = pageIds.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => r !== undefined);
  // A link to the account while it still exists (messages outlive deleted accounts).
  const accountIds = [...new Set(rows.map((r) => r.apiAccountId).filter((id): id is string => Boolean(id)))];
  const accounts = new Map(
    (await db().apiAccount.findMany({ where: { id: { in: accountIds } }, select: { id: true, identifiant: true } })).map((a) => [a.id, a.identifiant]),
  );
  const unread = await unreadMessageCount(actor);
  return {
    total,
    unread,
    page,
    pageCount,
    sirets,
    siret: siret ?? null,
    smtpConfigured: Boolean(smtpUrl()),
    rows: rows.map(({ reads, apiAccountId, ...r }) => ({
      ...r,
      read: reads.length > 0,
      account: apiAccountId && accounts.has(apiAccountId) ? { id: apiAccountId, identifiant: accounts.get(apiAccountId)! } : null,
    })),
  };
}

export type MessageRow = Awaited<ReturnType<typeof listMessages>>["rows"][number];

export const FAILED_PAGE_SIZE = 20;

/** The messages the relay gave up on (agents only), newest first. */
export async function listFailedMessages(actor: Actor, page = 1) {
  if (!canUseCustomsDesk(actor)) return { total: 0, page: 1, pageCount: 1, rows: [], smtpConfigured: Boolean(smtpUrl()) };
  const where = { status: "FAILED" };
  const total = await db().outboxMessage.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / FAILED_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await db().outboxMessage.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * FAILED_PAGE_SIZE,
    take: FAILED_PAGE_SIZE,
    select: { id: true, createdAt: true, kind: true, recipients: true, subject: true, siret: true, attempts: true, sendError: true, nextAttemptAt: true },
  });
  return { total, page: current, pageCount, rows, smtpConfigured: Boolean(smtpUrl()) };
}
