/**
 * The sweep: the console's background work, done for the whole service by one instance at a time
 * (the "sweep" lease, lib/leases.ts) — pages only read, actions only write their own change.
 *  - announces the url changes whose effective time has passed (lib/habilitations/activation.ts),
 *    within SWEEP_INTERVAL_MS of that time even if nobody opens a page, dated with it;
 *  - reminds API account passwords due for renewal (lib/accounts/password-reminders.ts), each reminder once;
 *  - relays the outbox by e-mail (lib/notifications/relay.ts), with retries;
 *  - retries the callbacks customs owes operators (DeltaH7 responses and errors, lib/dh7/relay.ts);
 *  - deletes what has expired (tester secrets, old session rows, dead limiter counters).
 * Every instance runs a sweeper (instrumentation.ts); each tick, the one that gets the lease sweeps.
 * Each item is claimed on its own as well, so even two sweeps at once would do nothing twice.
 */
import { db } from "../db";
import { nowMs, wallClockMs } from "../clock";
import { log } from "../log";
import { tryLease, releaseLease } from "../leases";
import { announceUrlActivations } from "../habilitations/activation";
import { onDeliveryRequested, runRelay, type RelayReport, type SendMail } from "../notifications/relay";
import { remindPasswordRenewals } from "../accounts/password-reminders";
import { deliverCustomsCallbacks, type CustomsRelayReport } from "../dh7/relay";

/** Every 15 s (CONSOLE_SWEEP_INTERVAL_MS to change it: the multi-instance tests sweep every 500 ms). */
export const SWEEP_INTERVAL_MS = Number(process.env.CONSOLE_SWEEP_INTERVAL_MS) > 0 ? Number(process.env.CONSOLE_SWEEP_INTERVAL_MS) : 15_000;
const LEASE = "sweep";
const LEASE_TTL_MS = 60_000;
const SESSION_ROWS_KEPT_MS = 48 * 3600_000;
const BUCKETS_KEPT_MS = 24 * 3600_000;

export type SweepReport = { announced: number; reminded: number; relay: RelayReport; customsCallbacks: CustomsRelayReport; purged: number };

/** One pass of the sweep (without the lease: the sweeper takes it; tests and scripts call this directly). */
export async function runSweep(options: { send?: SendMail } = {}): Promise<SweepReport> {
  const announced = await announceUrlActivations();
  const reminded = await remindPasswordRenewals();
  const relay = await runRelay(options.send);
  const customsCallbacks = await deliverCustomsCallbacks();
  const purged = await purge();
  return { announced, reminded, relay, customsCallbacks, purged };
}

async function purge(): Promise<number> {
  const wall = wallClockMs();
  const [secrets, sessions, buckets] = await Promise.all([
    db().tokenTestSecret.deleteMany({ where: { expiresAtMs: { lte: nowMs() } } }),
    db().userSession.deleteMany({ where: { createdAt: { lt: new Date(wall - SESSION_ROWS_KEPT_MS) } } }),
    db().rateLimitBucket.deleteMany({ where: { windowStartMs: { lt: nowMs() - BUCKETS_KEPT_MS }, blockedUntilMs: { lt: nowMs() } } }),
  ]);
  return secrets.count + sessions.count + buckets.count;
}

type Sweeper = { timer?: ReturnType<typeof setInterval>; running?: Promise<void>; again: boolean; soon?: ReturnType<typeof setTimeout> };
const globalForSweeper = globalThis as unknown as { __consoleSweeper?: Sweeper };
const sweeper: Sweeper = (globalForSweeper.__consoleSweeper ??= { again: false });

/** A tick: if this instance gets the lease, it sweeps; a tick asked while one runs runs once more after. */
export function sweepNow(): Promise<void> {
  if (sweeper.running) {
    sweeper.again = true;
    return sweeper.running;
  }
  sweeper.running = (async () => {
    try {
      if (!(await tryLease(LEASE, LEASE_TTL_MS))) return; // another instance is sweeping
      try {
        const report = await runSweep();
        if (report.announced || report.reminded || report.relay.sent || report.relay.failed) log.info("sweep", { ...report });
      } finally {
        await releaseLease(LEASE);
      }
    } catch (error) {
      log.error("sweep_failed", { error: error instanceof Error ? error.message : "inconnue" });
    }
  })().finally(() => {
    sweeper.running = undefined;
    if (sweeper.again) {
      sweeper.again = false;
      void sweepNow();
    }
  });
  return sweeper.running;
}

/** Every SWEEP_INTERVAL_MS for this process's lifetime, and soon after a commit that wrote messages. Idempotent. */
export function startSweeper(intervalMs = SWEEP_INTERVAL_MS): void {
  if (sweeper.timer) return;
  sweeper.timer = setInterval(() => void sweepNow(), intervalMs);
  sweeper.timer.unref?.();
  onDeliveryRequested(() => {
    if (sweeper.soon) return;
    sweeper.soon = setTimeout(() => {
      sweeper.soon = undefined;
      void sweepNow();
    }, 50);
    sweeper.soon.unref?.();
  });
  void sweepNow();
}
