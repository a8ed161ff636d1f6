/**
 * "URL change effective" without a background job: the first read that observes that a
 * scheduled change's effective time has passed (lib/clock.ts) claims it — a conditional update
 * of ApiFieldValue.effectiveNotifiedAt — and writes the notification and the audit event in the
 * same transaction. The claim makes it exactly once, even with concurrent readers.
 */
import { db } from "../db";
import { now } from "../clock";
import { recordAudit } from "../audit/audit";
import { accountContext, enqueueNotification } from "../notifications/outbox";
import { deliverOutbox } from "../notifications/mailer";
import { urlAt } from "./url-change";

/** Emits the pending "effective" notices of the given accounts (all accounts when omitted). Returns how many. */
export async function observeUrlActivations(accountIds?: readonly string[]): Promise<number> {
  if (accountIds && accountIds.length === 0) return 0;
  const at = now();
  const due = await db().apiFieldValue.findMany({
    where: {
      pendingEffectiveAt: { lte: at },
      pendingValue: { not: null },
      effectiveNotifiedAt: null,
      ...(accountIds ? { apiAccountId: { in: [...accountIds] } } : {}),
    },
    select: { id: true, apiAccountId: true, apiId: true, fieldKey: true, pendingValue: true, pendingEffectiveAt: true },
    orderBy: { pendingEffectiveAt: "asc" },
    take: 100,
  });
  const messageIds: string[] = [];
  for (const row of due) {
    const messageId = await db().$transaction(async (tx) => {
      const claimed = await tx.apiFieldValue.updateMany({
        where: { id: row.id, effectiveNotifiedAt: null, pendingValue: row.pendingValue, pendingEffectiveAt: row.pendingEffectiveAt },
        data: { effectiveNotifiedAt: at },
      });
      if (claimed.count !== 1) return null;
      const api = await tx.api.findUniqueOrThrow({ where: { id: row.apiId }, include: { fields: { where: { key: row.fieldKey } } } });
      const active = await tx.habilitation.findFirst({ where: { apiAccountId: row.apiAccountId, apiId: row.apiId, revokedAt: null }, select: { id: true } });
      if (!active) return null; // no longer habilitated: nothing to announce
      const fieldLabel = api.fields[0]?.label ?? row.fieldKey;
      const context = await accountContext(tx, row.apiAccountId);
      await recordAudit(
        {
          actor: null,
          action: "URL_CHANGE_EFFECTIVE",
          apiAccountId: row.apiAccountId,
          siret: context.ref.siret,
          details: { api: api.name, champ: fieldLabel, url: row.pendingValue, effectiveLe: row.pendingEffectiveAt!.toISOString() },
        },
        tx,
      );
      return enqueueNotification(tx, context, {
        kind: "URL_CHANGE_EFFECTIVE",
        account: context.ref,
        api: api.name,
        field: fieldLabel,
        value: row.pendingValue!,
        effectiveAt: row.pendingEffectiveAt!,
      });
    });
    if (messageId) messageIds.push(messageId);
  }
  await deliverOutbox(messageIds);
  return messageIds.length;
}

/**
 * The url customs uses now for an account's API (null: none yet, or no active habilitation) —
 * for the machine side (test callbacks): computed from the stored state and lib/clock.ts, and,
 * like every read, it announces a change whose time has come.
 */
export async function activeUrlFor(apiAccountId: string, apiCode: string, fieldKey = "url"): Promise<string | null> {
  const api = await db().api.findUnique({ where: { code: apiCode }, select: { id: true } });
  if (!api) return null;
  const habilitation = await db().habilitation.findFirst({ where: { apiAccountId, apiId: api.id, revokedAt: null }, select: { id: true } });
  if (!habilitation) return null;
  await observeUrlActivations([apiAccountId]);
  const row = await db().apiFieldValue.findUnique({ where: { apiAccountId_apiId_fieldKey: { apiAccountId, apiId: api.id, fieldKey } } });
  if (!row) return null;
  return urlAt(row, now()).active;
}
