/**
 * The outbox relay: sends the outbox's messages by e-mail, from the sweep (lib/sweep/sweep.ts) —
 * never while a page renders or an action answers. Each message is claimed before it is sent (a
 * conditional update: PENDING → SENDING, until claimedUntil), so one instance sends it, once.
 * A failure is retried with backoff (RETRY_DELAYS_MS), then the message is FAILED: the customs
 * agents see it (DOUANE › Courriels) and may send it again. A claim left by a crashed instance
 * expires and the message goes back to the queue.
 * Times are the machine's (wallClockMs): the trainer's demo clock never fires retries early.
 */
import { db } from "../db";
import { now, wallClockMs } from "../clock";
import { recordAudit } from "../audit/audit";
import { canUseCustomsDesk, type Actor } from "../authorization";
import { fail, type ActionResult } from "../action-result";
import { describeSendError, smtpFrom, smtpUrl, transporter } from "./mailer";

/** Delay before attempt n + 1 after the n-th failure; after the last one, FAILED. */
export const RETRY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000, 30 * 60_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const CLAIM_MS = 60_000;
const BATCH = 25;

export type OutboxStatus = "PENDING" | "SENDING" | "SENT" | "FAILED" | "HELD";

export type SendMail = (message: { from: string; to: string[]; subject: string; text: string; html: string }) => Promise<unknown>;

export type RelayReport = { sent: number; retried: number; failed: number };

function due(at: Date) {
  return { OR: [{ status: "PENDING", nextAttemptAt: { lte: at } }, { status: "SENDING", claimedUntil: { lt: at } }] };
}

/** One pass: every message due now, each claimed, sent, and its outcome written. */
export async function runRelay(send?: SendMail): Promise<RelayReport> {
  const report: RelayReport = { sent: 0, retried: 0, failed: 0 };
  const url = smtpUrl();
  if (!url && !send) return report;
  const deliver: SendMail = send ?? ((m) => transporter(url!).sendMail(m));
  const from = smtpFrom();
  for (let round = 0; round < 20; round++) {
    const at = new Date(wallClockMs());
    const candidates = await db().outboxMessage.findMany({ where: due(at), orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }], take: BATCH });
    if (candidates.length === 0) break;
    for (const candidate of candidates) {
      const claimedAt = new Date(wallClockMs());
      const claim = await db().outboxMessage.updateMany({
        where: { id: candidate.id, ...due(claimedAt) },
        data: { status: "SENDING", claimedUntil: new Date(claimedAt.getTime() + CLAIM_MS), attempts: { increment: 1 } },
      });
      if (claim.count !== 1) continue; // another instance has it
      const attempts = candidate.attempts + 1;
      try {
        await deliver({ from, to: candidate.recipients.split(",").map((r) => r.trim()).filter(Boolean), subject: candidate.subject, text: candidate.text, html: candidate.html });
        await db().outboxMessage.update({ where: { id: candidate.id }, data: { status: "SENT", sentAt: now(), sendError: null, claimedUntil: null } });
        report.sent += 1;
      } catch (error) {
        const last = attempts >= MAX_ATTEMPTS;
        const retryAt = new Date(wallClockMs() + (RETRY_DELAYS_MS[attempts - 1] ?? 0));
        await db().outboxMessage.update({
          where: { id: candidate.id },
          data: { status: last ? "FAILED" : "PENDING", sendError: describeSendError(error), claimedUntil: null, nextAttemptAt: retryAt },
        });
        if (last) report.failed += 1;
        else report.retried += 1;
      }
    }
    if (candidates.length < BATCH) break;
  }
  return report;
}

// ---------------------------------------------------------------------------------------------
// "Send soon": after a commit that wrote messages, the relay runs now rather than at the next tick.
// ---------------------------------------------------------------------------------------------

type Kick = () => void;
const globalForKick = globalThis as unknown as { __outboxKick?: { kick?: Kick } };
const kicker = (globalForKick.__outboxKick ??= {});

/** Set by the sweeper (lib/sweep/sweep.ts): what "send soon" does in this process. */
export function onDeliveryRequested(kick: Kick): void {
  kicker.kick = kick;
}

/** Messages were committed: have them sent soon (never waits for SMTP). */
export function requestDelivery(): void {
  kicker.kick?.();
}

// ---------------------------------------------------------------------------------------------
// The customs agents' view of failures
// ---------------------------------------------------------------------------------------------

export const RELAY_MESSAGES = {
  forbidden: "Seuls les agents de la douane peuvent renvoyer un courriel.",
  notFound: "Ce courriel est introuvable.",
  notFailed: "Ce courriel n'est pas en échec : il n'y a rien à renvoyer.",
} as const;

/** An agent sends a FAILED (or HELD) message again: back to the queue, attempts from zero. */
export async function retryMessage(actor: Actor, rawId: unknown): Promise<ActionResult> {
  if (!canUseCustomsDesk(actor)) return fail(RELAY_MESSAGES.forbidden);
  if (typeof rawId !== "string" || rawId.length > 64) return fail(RELAY_MESSAGES.notFound);
  const message = await db().outboxMessage.findUnique({ where: { id: rawId }, select: { id: true, status: true, siret: true, apiAccountId: true, kind: true } });
  if (!message) return fail(RELAY_MESSAGES.notFound);
  const retried = await db().$transaction(async (tx) => {
    const updated = await tx.outboxMessage.updateMany({
      where: { id: message.id, status: { in: ["FAILED", "HELD"] } },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: new Date(wallClockMs()), claimedUntil: null },
    });
    if (updated.count !== 1) return false;
    await recordAudit({ actor, action: "OUTBOX_RETRIED", apiAccountId: message.apiAccountId, siret: message.siret, details: { kind: message.kind, from: message.status } }, tx);
    return true;
  });
  if (!retried) return fail(RELAY_MESSAGES.notFailed);
  requestDelivery();
  return { ok: true, message: "Le courriel est de nouveau en file d'envoi.", data: undefined };
}
