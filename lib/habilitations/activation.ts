/**
 * "URL change effective": the sweep (lib/sweep/sweep.ts, within a minute, whoever opens a page or
 * not) — and a write about to fold a new change into an old one — announce every scheduled change
 * whose effective time has passed (lib/clock.ts). Each one is claimed by a conditional update of
 * ApiFieldValue.effectiveNotifiedAt, in the transaction that writes its notification and audit
 * event: exactly once, whatever runs concurrently on other instances. Both are dated with the
 * effective time, not with the moment the sweep saw it. Pages never write: they compute the url in
 * force from the stored state (./url-change.ts).
 */
import { db } from "../db";
import { now } from "../clock";
import { recordAudit } from "../audit/audit";
import { accountContext, enqueueNotification } from "../notifications/outbox";
import { requestDelivery } from "../notifications/relay";
import { urlAt } from "./url-change";

/** Announces the changes that took effect, of the given accounts (all accounts when omitted). Returns how many. */
export async function announceUrlActivations(accountIds?: readonly string[]): Promise<number> {
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
  let announced = 0;
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
      const effectiveAt = row.pendingEffectiveAt!;
      await recordAudit(
        {
          at: effectiveAt,
          actor: null,
          action: "URL_CHANGE_EFFECTIVE",
          apiAccountId: row.apiAccountId,
          siret: context.ref.siret,
          details: { api: api.name, field: fieldLabel, url: row.pendingValue!, effectiveAt: effectiveAt.toISOString() },
        },
        tx,
      );
      return enqueueNotification(
        tx,
        context,
        { kind: "URL_CHANGE_EFFECTIVE", account: context.ref, api: api.name, field: fieldLabel, value: row.pendingValue!, effectiveAt },
        [],
        effectiveAt,
      );
    });
    if (messageId) announced += 1;
  }
  if (announced > 0) requestDelivery();
  return announced;
}

/**
 * The url customs uses now for an account's API (null: none yet, or no active habilitation) —
 * for the machine side (test callbacks): computed from the stored state and lib/clock.ts.
 */
export async function activeUrlFor(apiAccountId: string, apiCode: string, fieldKey = "url"): Promise<string | null> {
  const api = await db().api.findUnique({ where: { code: apiCode }, select: { id: true } });
  if (!api) return null;
  const habilitation = await db().habilitation.findFirst({ where: { apiAccountId, apiId: api.id, revokedAt: null }, select: { id: true } });
  if (!habilitation) return null;
  const row = await db().apiFieldValue.findUnique({ where: { apiAccountId_apiId_fieldKey: { apiAccountId, apiId: api.id, fieldKey } } });
  if (!row) return null;
  return urlAt(row, now()).active;
}
