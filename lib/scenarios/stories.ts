/**
 * The stories behind the scenarios: on a wiped database, the demo people (prisma/demo-data.ts
 * building blocks), then what the people did, replayed through the real services at fixed
 * instants relative to the console's clock (lib/replay.ts) — so the rows are exactly what the UI
 * would have produced: hashed passwords, sealed tokens, statusLevel, requests, decisions,
 * notifications, audit events (marked with the scenario as their source).
 * Deterministic: the same rows and values at each load; only the dates follow the load time.
 */
import { db } from "../db";
import type { Actor } from "../authorization";
import type { ActionResult } from "../action-result";
import { replayAt } from "../replay";
import { checkUrlSyntax } from "../net/outbound";
import { demoReceiverUrl } from "../callbacks/receiver";
import { createApiAccount } from "../accounts/service";
import { decideHabilitationRequest, saveApiData, submitHabilitationRequest } from "../habilitations/service";
import { announceUrlActivations } from "../habilitations/activation";
import { remindPasswordRenewals, passwordMaxAgeDays } from "../accounts/password-reminders";
import { DEMO_PASSWORD_MAX_AGE_DAYS } from "../accounts/password-age";
import { DEMO_API_ACCOUNTS, DEMO_API_PASSWORD, refreshAllStatuses, seedCatalogue, seedDemo, seedPeople, type UserIds } from "@/prisma/demo-data";
import type { ScenarioId } from "./catalog";
import { lastDeliveryDone, receiveDeclaration } from "../dh7/service";
import { sampleCreationH7 } from "../dh7/messages";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The scenario API accounts: one per SIRET of correspondant@demo.fr, all with the demo API password. */
export const SCENARIO_ACCOUNTS = {
  transports: { identifiant: "api-demo-1", email: DEMO_API_ACCOUNTS[0].email, siret: "12345678200010" },
  logistique: { identifiant: "api-demo-2", email: "api-demo-2@logistique-demo.fr", siret: "98765432400019" },
  atlantique: { identifiant: "api-demo-3", email: "api-demo-3@import-export-atlantique.fr", siret: "55555555600011" },
} as const;

/** Tokens customs presents when calling back (stored sealed, like any token typed in the form). */
export const SCENARIO_TOKENS = {
  transports: "demo-retours-transports-7c41e09b2d",
  logistique: "demo-retours-logistique-58af3c1e70",
  atlantique: "demo-retours-atlantique-3f9c2a7e51",
} as const;

export const REFUSAL_REASON =
  "Le dossier d'adhésion de l'établissement ne prévoit pas de déclarations à l'importation : précisez votre besoin auprès du service de certification avant de renouveler la demande.";

/**
 * A callback url on the console's demo receiver (lib/callbacks/receiver.ts: `<console>/recepteur-demo/
 * <account id>/<API path prefix>`, plus an optional sub-path), so test callbacks land during a demo;
 * an https example address if the console's own address could not be stored (plain http on a
 * non-loopback host).
 */
export function scenarioCallbackUrl(accountId: string, pathPrefix: string, fallbackHost: string, subPath = ""): string {
  const url = `${demoReceiverUrl(accountId, pathPrefix)}${subPath}`;
  if (checkUrlSyntax(url, { allowLoopback: true }).ok) return url;
  return `https://${fallbackHost}${new URL(url).pathname}`;
}

/** Why a story step could not be replayed (a bug of the story, or a catalogue changed by hand). */
export class ScenarioError extends Error {}

function must<T>(step: string, result: ActionResult<T>): T {
  if (!result.ok) throw new ScenarioError(`${step} : ${result.message}`);
  return result.data;
}

async function person(email: string): Promise<Actor> {
  return db().user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true } });
}

/** The people of a story and the replay of their actions at `base` + an offset. */
class Story {
  constructor(
    private readonly base: number,
    private readonly source: string,
    readonly claire: Actor,
    readonly agent: Actor,
  ) {}

  at<T>(offsetMs: number, work: () => Promise<T>): Promise<T> {
    return replayAt(new Date(this.base + offsetMs), this.source, work);
  }

  createAccount(offsetMs: number, account: { identifiant: string; email: string; siret: string }): Promise<string> {
    return this.at(offsetMs, async () => {
      const input = { ...account, password: DEMO_API_PASSWORD, passwordConfirmation: DEMO_API_PASSWORD };
      return must(`Création de ${account.identifiant}`, await createApiAccount(this.claire, input)).id;
    });
  }

  request(offsetMs: number, accountId: string, apiCodes: string[], message?: string): Promise<string> {
    return this.at(offsetMs, async () => must("Demande d'habilitation", await submitHabilitationRequest(this.claire, accountId, { apiCodes, message })).id);
  }

  /** Customs decides every API of the request: approved, or refused with the given reason. */
  decide(offsetMs: number, requestId: string, refusals: Record<string, string> = {}): Promise<void> {
    return this.at(offsetMs, async () => {
      const items = await db().habilitationRequestItem.findMany({ where: { requestId }, include: { api: { select: { code: true } } } });
      const decisions = items.map((i) =>
        refusals[i.api.code] ? { itemId: i.id, decision: "REFUSED", reason: refusals[i.api.code] } : { itemId: i.id, decision: "APPROVED" },
      );
      must("Décision de la douane", await decideHabilitationRequest(this.agent, requestId, { items: decisions }));
    });
  }

  saveData(offsetMs: number, accountId: string, apiCode: string, values: Record<string, string>): Promise<void> {
    return this.at(offsetMs, async () => {
      must(`Données ${apiCode}`, await saveApiData(this.claire, accountId, apiCode, values));
    });
  }

  /** The sweep passes: password renewal reminders due at that time are written. */
  remind(offsetMs: number, maxAgeDays: number): Promise<number> {
    return this.at(offsetMs, () => remindPasswordRenewals(maxAgeDays));
  }

  /** The operator's software sends a DeltaH7 declaration; customs acknowledges it and calls back (lib/dh7/). */
  declare(offsetMs: number, accountId: string, lrn: string): Promise<void> {
    return this.at(offsetMs, async () => {
      const account = await db().apiAccount.findUniqueOrThrow({ where: { id: accountId }, select: { id: true, identifiant: true } });
      const request = new Request("http://scenario.invalid/dh7/declarations/creer", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(sampleCreationH7(lrn, { messageDateTime: new Date(this.base + offsetMs).toISOString().replace(/\.\d{3}Z$/, "Z"), totalAmountInvoiced: 89.9 })),
      });
      const response = await receiveDeclaration(account, request);
      if (response.status !== 202) throw new ScenarioError(`Déclaration ${lrn} : HTTP ${response.status}`);
      await lastDeliveryDone(); // delivered to the demo receiver if the console runs; else retried by its sweep
    });
  }

  /** The sweep passes: url changes whose time has come are announced. */
  look(offsetMs: number): Promise<number> {
    return this.at(offsetMs, () => announceUrlActivations());
  }
}

export type BuildOptions = {
  /** The load instant (the console's clock); the story's dates are relative to it. */
  at: Date;
  /** Audit source of the replayed events, e.g. "scénario « Trois états »". */
  source: string;
  /** Ids to keep for the demo people (sessions stay valid across a reload). */
  userIds?: UserIds;
};

/** Builds a scenario on an empty database (the caller wipes it first). */
export async function buildScenario(id: ScenarioId, options: BuildOptions): Promise<void> {
  const prisma = db();
  if (id === "demonstration") {
    await seedDemo(prisma, { userIds: options.userIds });
    return;
  }
  // The people exist "since" a month before the story.
  const base = Math.floor(options.at.getTime() / MINUTE) * MINUTE;
  await seedCatalogue(prisma, new Date(base - 30 * DAY));
  await seedPeople(prisma, { at: new Date(base - 30 * DAY), userIds: options.userIds });
  const story = new Story(base, options.source, await person("correspondant@demo.fr"), await person("agent@douane.demo"));
  await STORIES[id](story);
  await refreshAllStatuses(prisma);
}

/** api-demo-1 green on DeltaH7, its url on the demo receiver (active), its token stored: customs can call back. */
async function greenOnDeltaH7(s: Story): Promise<string> {
  const account = await s.createAccount(-3 * DAY, SCENARIO_ACCOUNTS.transports);
  const request = await s.request(-3 * DAY + HOUR, account, ["DELTA_H7"], "Flux H7 du commerce électronique.");
  await s.decide(-2 * DAY, request);
  await s.saveData(-2 * DAY + HOUR, account, "DELTA_H7", { url: scenarioCallbackUrl(account, "dh7", "retours.transports-exemple.fr"), token: SCENARIO_TOKENS.transports });
  await s.look(-2 * DAY + 6 * HOUR);
  return account;
}

const STORIES: Record<Exclude<ScenarioId, "demonstration">, (story: Story) => Promise<void>> = {
  vierge: async () => {},

  "trois-etats": async (s) => {
    const { transports, logistique, atlantique } = SCENARIO_ACCOUNTS;
    await s.createAccount(-3 * DAY, transports);
    const yellow = await s.createAccount(-3 * DAY + 5 * MINUTE, logistique);
    const green = await s.createAccount(-3 * DAY + 10 * MINUTE, atlantique);
    const yellowRequest = await s.request(-3 * DAY + HOUR, yellow, ["GAMMA2", "PNTS"], "Accises et PNTS pour la plateforme de Lyon.");
    const greenRequest = await s.request(-3 * DAY + HOUR + 5 * MINUTE, green, ["DELTA_H7"], "Flux H7 du commerce électronique, port de Nantes.");
    await s.decide(-2 * DAY, yellowRequest);
    await s.decide(-2 * DAY + 10 * MINUTE, greenRequest);
    await s.saveData(-2 * DAY + HOUR, yellow, "GAMMA2", {
      url: "https://retours.logistique-demo.fr/douane/gamma2",
      token: SCENARIO_TOKENS.logistique,
    });
    await s.saveData(-2 * DAY + HOUR + 10 * MINUTE, green, "DELTA_H7", {
      url: scenarioCallbackUrl(green, "dh7", "retours.import-export-atlantique.fr"),
      token: SCENARIO_TOKENS.atlantique,
    });
    await s.look(-2 * DAY + 6 * HOUR); // DeltaH7 (4 h) and Gamma2 (15 min) urls are active
  },

  "demande-en-attente": async (s) => {
    const account = await s.createAccount(-2 * DAY, SCENARIO_ACCOUNTS.transports);
    await s.request(-1 * DAY, account, ["DELTA_H7", "GAMMA2"], "Mise en production prévue le mois prochain : merci de traiter la demande avant le 15.");
  },

  "changement-url": async (s) => {
    const account = await s.createAccount(-5 * DAY, SCENARIO_ACCOUNTS.transports);
    const request = await s.request(-5 * DAY + 30 * MINUTE, account, ["DELTA_H7"]);
    await s.decide(-4 * DAY, request);
    await s.saveData(-4 * DAY + HOUR, account, "DELTA_H7", {
      url: scenarioCallbackUrl(account, "dh7", "retours.transports-exemple.fr", "/ancienne-adresse"),
      token: SCENARIO_TOKENS.transports,
    });
    await s.look(-4 * DAY + 6 * HOUR);
    // Now: the new url, active at the latest in 4 h (DeltaH7's delay).
    await s.saveData(0, account, "DELTA_H7", { url: scenarioCallbackUrl(account, "dh7", "retours.transports-exemple.fr", "/nouvelle-adresse") });
  },

  "demande-refusee": async (s) => {
    const account = await s.createAccount(-3 * DAY, SCENARIO_ACCOUNTS.transports);
    const request = await s.request(-3 * DAY + HOUR, account, ["DELTA_IE"], "Nous commençons les déclarations à l'importation le mois prochain.");
    await s.decide(-1 * DAY, request, { DELTA_IE: REFUSAL_REASON });
  },

  "declaration-acceptee": async (s) => {
    const account = await greenOnDeltaH7(s);
    await s.declare(-1 * HOUR, account, "H7-DEMO-2026-0001");
  },

  "declaration-en-erreur": async (s) => {
    const account = await greenOnDeltaH7(s);
    await s.declare(-2 * HOUR, account, "H7-DEMO-2026-0002");
    await s.declare(-1 * HOUR, account, "H7-DEMO-2026-0002"); // the same LRN again
  },

  "mot-de-passe-a-renouveler": async (s) => {
    const max = passwordMaxAgeDays() ?? DEMO_PASSWORD_MAX_AGE_DAYS;
    const created = -(max - 7) * DAY; // renewal date: in 7 days
    const account = await s.createAccount(created, SCENARIO_ACCOUNTS.transports);
    const request = await s.request(created + HOUR, account, ["DELTA_H7"]);
    await s.decide(created + DAY, request);
    await s.saveData(created + DAY + HOUR, account, "DELTA_H7", {
      url: scenarioCallbackUrl(account, "dh7", "retours.transports-exemple.fr"),
      token: SCENARIO_TOKENS.transports,
    });
    await s.look(created + DAY + 6 * HOUR);
    await s.remind(-23 * DAY, max); // 30 days before
    await s.remind(0, max); // 7 days before
  },
};
