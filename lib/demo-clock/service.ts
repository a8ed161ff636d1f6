/**
 * The demo clock's I/O: persisted in Setting("demoClock.offsetMs"), applied to lib/clock.ts.
 * Off unless DEMO_MODE=1 (the README's run command sets it; production settings never do).
 * Every instance follows it: `followDemoClock` reloads the offset whenever the database says the
 * settings changed (lib/db-changes.ts: another instance's move, a scenario load from the CLI).
 */
import { z } from "../zod";
import { db } from "../db";
import { clockOffsetMs, nowMs, setClockOffsetMs } from "../clock";
import { recordAudit } from "../audit/audit";
import { canUseTrainerArea, type Actor } from "../authorization";
import { fail, type ActionResult } from "../action-result";
import { parisWallTimeToDate } from "../paris-time";
import { onDatabaseChange } from "../db-changes";
import { requestDelivery } from "../notifications/relay";
import { ADVANCE_STEPS_MIN, describeOffset, nextOffset, type ClockMove } from "./rules";

export const DEMO_CLOCK_KEY = "demoClock.offsetMs";

export function demoModeEnabled(): boolean {
  return process.env.DEMO_MODE === "1" || process.env.DEMO_MODE === "true";
}

/** Once per server start (instrumentation.ts): the persisted offset, or real time outside demo mode. */
export async function loadDemoClock(): Promise<void> {
  if (!demoModeEnabled()) {
    setClockOffsetMs(0);
    return;
  }
  try {
    const row = await db().setting.findUnique({ where: { key: DEMO_CLOCK_KEY } });
    const offset = row ? Number(row.value) : 0;
    setClockOffsetMs(Number.isFinite(offset) && offset >= 0 ? offset : 0);
  } catch {
    setClockOffsetMs(0); // database not migrated yet: real time
  }
}

const globalForFollow = globalThis as unknown as { __demoClockFollow?: { registered: boolean; running?: Promise<void>; again: boolean } };
const follow = (globalForFollow.__demoClockFollow ??= { registered: false, again: false });

function reloadSoon(): void {
  if (follow.running) {
    follow.again = true;
    return;
  }
  follow.running = loadDemoClock().finally(() => {
    follow.running = undefined;
    if (follow.again) {
      follow.again = false;
      reloadSoon();
    }
  });
}

/** From now on, this process follows the demo clock moved by any instance (instrumentation.ts). Idempotent. */
export function followDemoClock(): void {
  if (follow.registered) return;
  follow.registered = true;
  onDatabaseChange((table) => {
    if (table === null || table === "Setting") reloadSoon();
  });
}

const moveSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("advance"), minutes: z.union(ADVANCE_STEPS_MIN.map((m) => z.literal(m))) }),
  z.object({ action: z.literal("set"), at: z.string().max(32) }),
  z.object({ action: z.literal("reset") }),
]);

export async function moveDemoClock(actor: Actor, raw: unknown): Promise<ActionResult<{ offsetMs: number }>> {
  if (!canUseTrainerArea(actor)) return fail("Seul un formateur peut déplacer l'horloge de démonstration.");
  if (!demoModeEnabled()) return fail("L'horloge de démonstration est désactivée sur cette console (DEMO_MODE).");
  const parsed = moveSchema.safeParse(raw);
  if (!parsed.success) return fail("Déplacement de l'horloge invalide.");
  let move: ClockMove;
  if (parsed.data.action === "set") {
    const at = parisWallTimeToDate(parsed.data.at);
    if (!at) return fail("Date invalide : utilisez le format jj/mm/aaaa hh:mm.", { at: ["Date invalide."] });
    move = { action: "set", at };
  } else {
    move = parsed.data;
  }
  const realNow = nowMs() - clockOffsetMs();
  const result = nextOffset(move, clockOffsetMs(), realNow);
  if (!result.ok) return fail(result.message);
  await db().setting.upsert({
    where: { key: DEMO_CLOCK_KEY },
    update: { value: String(result.offsetMs) },
    create: { key: DEMO_CLOCK_KEY, value: String(result.offsetMs) },
  });
  const previous = clockOffsetMs();
  setClockOffsetMs(result.offsetMs);
  await recordAudit({ actor, action: "DEMO_CLOCK_MOVED", details: { from: describeOffset(previous), to: describeOffset(result.offsetMs) } });
  requestDelivery(); // the sweep runs now: url changes whose time has come with this move are announced at once
  return {
    ok: true,
    message: result.offsetMs === 0 ? "La console est revenue à l'heure réelle." : `Horloge de démonstration : ${describeOffset(result.offsetMs)}.`,
    data: { offsetMs: result.offsetMs },
  };
}
