/**
 * The outbox: every notification is written here, in the transaction of the change it reports,
 * whether or not an SMTP server is configured; the relay (./relay.ts) sends it afterwards.
 * Recipients (issue 2/6 §6): the account's email and the correspondents of its SIRET.
 */
import type { Tx } from "../db";
import { now, wallClockMs } from "../clock";
import { currentReplay } from "../replay";
import { consoleBaseUrl } from "../oauth/environments";
import { renderNotification, type AccountRef, type NotificationEvent } from "./templates";

/** Lower-cased, de-duplicated, in order. */
export function uniqueRecipients(...lists: ReadonlyArray<readonly string[]>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const raw of list) {
      const email = raw.trim().toLowerCase();
      if (email && !seen.has(email)) {
        seen.add(email);
        out.push(email);
      }
    }
  }
  return out;
}

export type AccountContext = { id: string; ref: AccountRef; recipients: string[] };

/** The account as messages name it, and who is notified about it. */
export async function accountContext(tx: Tx, accountId: string): Promise<AccountContext> {
  const account = await tx.apiAccount.findUniqueOrThrow({
    where: { id: accountId },
    select: {
      id: true,
      identifiant: true,
      email: true,
      establishment: {
        select: {
          siret: true,
          company: { select: { name: true } },
          correspondents: { where: { user: { role: "CORRESPONDENT" } }, select: { user: { select: { email: true } } }, orderBy: { createdAt: "asc" } },
        },
      },
    },
  });
  return {
    id: account.id,
    ref: {
      identifiant: account.identifiant,
      siret: account.establishment.siret,
      companyName: account.establishment.company.name,
      link: `${consoleBaseUrl()}/comptes-api/${account.id}`,
    },
    recipients: uniqueRecipients([account.email], account.establishment.correspondents.map((c) => c.user.email)),
  };
}

/**
 * Writes one message about an account into the outbox, in the change's transaction; the relay
 * (./relay.ts) sends it after commit. Returns its id. A scenario being built (lib/replay.ts) emails
 * no one: its messages are HELD.
 */
export async function enqueueNotification(
  tx: Tx,
  context: AccountContext,
  event: NotificationEvent,
  extraRecipients: readonly string[] = [],
  at: Date = now(),
): Promise<string> {
  const message = renderNotification(event);
  const created = await tx.outboxMessage.create({
    data: {
      createdAt: at,
      status: currentReplay() ? "HELD" : "PENDING",
      nextAttemptAt: new Date(wallClockMs()),
      kind: event.kind,
      recipients: uniqueRecipients(context.recipients, extraRecipients).join(", "),
      subject: message.subject,
      text: message.text,
      html: message.html,
      siret: context.ref.siret,
      apiAccountId: context.id,
    },
    select: { id: true },
  });
  return created.id;
}
