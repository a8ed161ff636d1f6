/**
 * Leases: the work only one instance of the service must do at a time — the sweep, a trainer's
 * scenario load, a signing-key rotation — is done by whoever holds its lease (the Lease table,
 * shared by every instance). Taking a lease is one atomic statement on either engine (INSERT … ON
 * CONFLICT DO UPDATE … WHERE expired OR mine … RETURNING), so two instances never both win. A lease
 * expires by itself (a crashed holder never blocks the service for longer than its ttl). Times are
 * the machine's (lib/clock.ts wallClockMs): moving the trainer's demo clock never breaks a lease.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { db } from "./db";
import { wallClockMs } from "./clock";

/** Who this process is, in the Lease table (host, pid and a random part: a restarted process is someone else). */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/** Takes (or renews) `name` for `ttlMs` if it is free, expired or already ours. */
export async function tryLease(name: string, ttlMs: number, holder = PROCESS_HOLDER): Promise<boolean> {
  const at = wallClockMs();
  const rows = await db().$queryRaw<{ holder: string }[]>`
    INSERT INTO "Lease" AS l ("name", "holder", "expiresAtMs") VALUES (${name}, ${holder}, ${at + ttlMs})
    ON CONFLICT ("name") DO UPDATE SET "holder" = ${holder}, "expiresAtMs" = ${at + ttlMs}
    WHERE l."expiresAtMs" <= ${at} OR l."holder" = ${holder}
    RETURNING "holder"`;
  return rows.length === 1 && rows[0]!.holder === holder;
}

/** Gives `name` back (only if it is still ours). */
export async function releaseLease(name: string, holder = PROCESS_HOLDER): Promise<void> {
  await db().lease.deleteMany({ where: { name, holder } });
}

export class LeaseBusyError extends Error {
  constructor(readonly lease: string) {
    super(`La ressource « ${lease} » est occupée par une autre instance.`);
    this.name = "LeaseBusyError";
  }
}

/**
 * Runs `work` holding `name`: waits for it up to `waitMs` (polling), renews it while the work runs,
 * gives it back afterwards. Throws LeaseBusyError when it could not be taken in time.
 */
export async function withLease<T>(name: string, options: { ttlMs: number; waitMs?: number }, work: () => Promise<T>): Promise<T> {
  const holder = `${PROCESS_HOLDER}:${randomBytes(4).toString("hex")}`;
  const waitMs = options.waitMs ?? 0;
  let waited = 0;
  while (!(await tryLease(name, options.ttlMs, holder))) {
    if (waited >= waitMs) throw new LeaseBusyError(name);
    await new Promise((resolve) => setTimeout(resolve, 100));
    waited += 100;
  }
  const renew = setInterval(() => void tryLease(name, options.ttlMs, holder).catch(() => undefined), Math.max(1_000, options.ttlMs / 3));
  renew.unref?.();
  try {
    return await work();
  } finally {
    clearInterval(renew);
    await releaseLease(name, holder).catch(() => undefined);
  }
}
