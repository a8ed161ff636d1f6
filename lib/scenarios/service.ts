/**
 * Loading a scenario: empties every table (the schema stays), puts the demo clock back to real
 * time, builds the scenario (./stories.ts) and records a SCENARIO_LOADED audit event. Works on an
 * empty and on a non-empty database. The trainer's page (demo mode only) and the CLI
 * (`npm run db:scenario -- <id>`) both come here. No Next.js imports.
 */
import { db } from "../db";
import { clockOffsetMs, now, setClockOffsetMs } from "../clock";
import { recordAudit } from "../audit/audit";
import { canUseTrainerArea, type Actor } from "../authorization";
import { fail, type ActionResult } from "../action-result";
import { demoModeEnabled } from "../demo-clock/service";
import { describeOffset } from "../demo-clock/rules";
import { log } from "../log";
import { withLease } from "../leases";
import { currentUserIds, DEMO_API_PASSWORD, DEMO_PASSWORD } from "@/prisma/demo-data";
import { wipeDatabase } from "@/prisma/wipe";
import { isScenarioId, scenarioInfo, type ScenarioId } from "./catalog";
import { buildScenario } from "./stories";

export const SCENARIO_MESSAGES = {
  forbidden: "Seul un formateur peut charger un scénario.",
  demoModeOff: "Les scénarios sont désactivés sur cette console (DEMO_MODE) : ils effacent toutes les données.",
  unknown: "Ce scénario n'existe pas.",
  failed: "Le scénario n'a pas pu être chargé entièrement (erreur interne) : chargez-le de nouveau.",
} as const;

// One load at a time: in this process, in the order asked (a queue); across instances, under the
// "scenario" lease (lib/leases.ts) — two trainers clicking together get one after the other.
const SCENARIO_LEASE = { ttlMs: 60_000, waitMs: 120_000 };
const globalForScenarios = globalThis as unknown as { __scenarioLoad?: Promise<unknown> };

function serialized<T>(work: () => Promise<T>): Promise<T> {
  const previous = globalForScenarios.__scenarioLoad ?? Promise.resolve();
  const leased = () => withLease("scenario", SCENARIO_LEASE, work);
  const next = previous.then(leased, leased);
  globalForScenarios.__scenarioLoad = next.catch(() => undefined);
  return next;
}

/** What the trainer needs next: the accounts the scenario made, and who signs in with which demo password. */
export type LoadedScenario = {
  id: ScenarioId;
  name: string;
  accounts: { id: string; identifiant: string }[];
  logins: { login: string; why: string; password: string }[];
};

/**
 * Wipes and builds. `actor` is who asked (null: the command line); the demo people keep their ids,
 * so whoever is signed in stays signed in.
 */
export function runScenario(id: ScenarioId, actor: Pick<Actor, "id" | "email"> | null): Promise<LoadedScenario> {
  return serialized(async () => {
    const info = scenarioInfo(id);
    const prisma = db();
    const userIds = await currentUserIds(prisma);
    const previousOffset = clockOffsetMs();
    await wipeDatabase(prisma); // the demo clock's Setting row and every failure counter go with it
    setClockOffsetMs(0);
    await buildScenario(id, { at: now(), source: `scénario « ${info.name} »`, userIds });
    await recordAudit({
      actor,
      action: "SCENARIO_LOADED",
      details: {
        scenario: info.name,
        ...(actor ? {} : { origin: "cli" as const }),
        ...(previousOffset !== 0 ? { previousClock: describeOffset(previousOffset) } : {}),
      },
    });
    const accounts = await prisma.apiAccount.findMany({ select: { id: true, identifiant: true }, orderBy: { identifiantKey: "asc" } });
    const logins = [
      ...info.logins.map((l) => ({ ...l, password: DEMO_PASSWORD })),
      ...accounts.map((a) => ({ login: a.identifiant, why: "compte API (testeur de jeton, curl)", password: DEMO_API_PASSWORD })),
    ];
    return { id, name: info.name, accounts, logins };
  });
}

export async function loadScenario(actor: Actor, raw: unknown): Promise<ActionResult<LoadedScenario>> {
  if (!canUseTrainerArea(actor)) return fail(SCENARIO_MESSAGES.forbidden);
  if (!demoModeEnabled()) return fail(SCENARIO_MESSAGES.demoModeOff);
  const id = raw && typeof raw === "object" ? (raw as { scenario?: unknown }).scenario : undefined;
  if (!isScenarioId(id)) return fail(SCENARIO_MESSAGES.unknown);
  try {
    const loaded = await runScenario(id, actor);
    return { ok: true, message: `Scénario « ${loaded.name} » chargé. La console est à l'heure réelle.`, data: loaded };
  } catch (error) {
    log.error("scenario load failed", { scenario: id, error: error instanceof Error ? error.message : "unknown" });
    return fail(SCENARIO_MESSAGES.failed);
  }
}
