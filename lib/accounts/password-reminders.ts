/**
 * Renewal reminders of API account passwords (issue 14 §7), run by the sweep (lib/sweep/sweep.ts):
 * when API_PASSWORD_MAX_AGE_DAYS is set, the account's e-mail and its SIRET's correspondents are
 * reminded 30 days and 7 days before the renewal date and on the day — each stage once per password,
 * across instances (the PasswordReminder row is the claim) — through the outbox. Never a block.
 */
import { db } from "../db";
import { nowMs } from "../clock";
import { recordAudit } from "../audit/audit";
import { uniqueViolationFields } from "../db-errors";
import { accountContext, enqueueNotification } from "../notifications/outbox";
import { maxAgeDaysFrom, oldestChangeNeedingReminderMs, reminderDue, renewalOf, type ReminderStage } from "./password-age";

/** At most this many accounts per sweep (the next sweep takes the rest). */
const BATCH = 200;

/** The deployment's renewal period in days, or null (off, the default). */
export function passwordMaxAgeDays(): number | null {
  return maxAgeDaysFrom(process.env.API_PASSWORD_MAX_AGE_DAYS);
}

/** One pass: the reminders due now, each written once (audit + outbox). Returns how many were written. */
export async function remindPasswordRenewals(maxAgeDays = passwordMaxAgeDays()): Promise<number> {
  if (maxAgeDays === null) return 0;
  const at = nowMs();
  const candidates = await db().apiAccount.findMany({
    where: { passwordChangedAt: { lte: new Date(oldestChangeNeedingReminderMs(maxAgeDays, at)) } },
    select: { id: true, identifiant: true, passwordChangedAt: true, passwordReminders: { select: { cycleAt: true, stage: true } } },
    orderBy: { passwordChangedAt: "asc" },
    take: BATCH,
  });
  let written = 0;
  for (const account of candidates) {
    const cycle = account.passwordChangedAt;
    const sent = account.passwordReminders.filter((r) => r.cycleAt.getTime() === cycle.getTime()).map((r) => r.stage as ReminderStage);
    const stage = reminderDue(cycle.getTime(), maxAgeDays, at, sent);
    if (!stage) continue;
    const renewal = renewalOf(cycle.getTime(), maxAgeDays, at)!;
    try {
      const done = await db().$transaction(async (tx) => {
        // The claim: the first insert wins; a password changed meanwhile makes this reminder moot.
        await tx.passwordReminder.create({ data: { apiAccountId: account.id, cycleAt: cycle, stage, sentAt: new Date(at) } });
        const still = await tx.apiAccount.count({ where: { id: account.id, passwordChangedAt: cycle } });
        if (still !== 1) throw new StaleCycle();
        const context = await accountContext(tx, account.id);
        await recordAudit(
          {
            at: new Date(at),
            actor: null,
            action: "PASSWORD_RENEWAL_REMINDED",
            apiAccountId: account.id,
            siret: context.ref.siret,
            details: { stage, dueAt: new Date(renewal.dueAtMs).toISOString(), maxAgeDays },
          },
          tx,
        );
        await enqueueNotification(tx, context, {
          kind: "PASSWORD_RENEWAL_REMINDER",
          account: context.ref,
          changedAt: cycle,
          dueAt: new Date(renewal.dueAtMs),
          daysLeft: Math.max(0, renewal.daysLeft),
          maxAgeDays,
        });
        return true;
      });
      if (done) written += 1;
    } catch (error) {
      if (error instanceof StaleCycle || uniqueViolationFields(error)) continue; // changed meanwhile, or another instance sent it
      throw error;
    }
  }
  return written;
}

class StaleCycle extends Error {}
