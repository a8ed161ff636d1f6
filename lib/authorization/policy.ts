/**
 * The authorisation policy — every check of the console goes through this module
 * (pure rules here, the database-backed checks in ./index.ts).
 *  - CORRESPONDENT: reads and manages the API accounts of the SIRETs of their scope only;
 *  - CUSTOMS_AGENT: reads every account (read-only), works the customs desk (/douane);
 *  - TRAINER: reads every account (read-only), runs the trainer area (/formation);
 *  - COLLABORATOR: a douane.gouv account not (yet) certified: no access to accounts.
 * Anything outside a user's reach answers 404, never revealing that it exists.
 */
import type { Role } from "@/generated/prisma/enums";

export type Actor = { id: string; email: string; name: string; role: Role };

export class NotFoundError extends Error {
  constructor() {
    super("Introuvable.");
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends Error {
  constructor(message = "Vous n'avez pas accès à cette action.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Prisma filter of the API accounts an actor may read. */
export function readableAccountsWhere(actor: Actor) {
  switch (actor.role) {
    case "CORRESPONDENT":
      return { establishment: { correspondents: { some: { userId: actor.id } } } };
    case "CUSTOMS_AGENT":
    case "TRAINER":
      return {};
    default:
      return { id: { in: [] as string[] } };
  }
}

/** Prisma filter of the establishments (SIRETs) an actor manages. */
export function managedEstablishmentsWhere(actor: Actor) {
  if (actor.role !== "CORRESPONDENT") return { id: { in: [] as string[] } };
  return { correspondents: { some: { userId: actor.id } } };
}

export function canReadAccounts(actor: Actor): boolean {
  return actor.role === "CORRESPONDENT" || actor.role === "CUSTOMS_AGENT" || actor.role === "TRAINER";
}

/** Only correspondents create and change API accounts (and only on their SIRETs). */
export function canManageAccounts(actor: Actor): boolean {
  return actor.role === "CORRESPONDENT";
}

/** The token tester (/outils/testeur-jeton) makes outbound calls: people who work with API accounts only. */
export function canUseTokenTester(actor: Actor): boolean {
  return actor.role === "CORRESPONDENT" || actor.role === "CUSTOMS_AGENT" || actor.role === "TRAINER";
}

export function canUseCustomsDesk(actor: Actor): boolean {
  return actor.role === "CUSTOMS_AGENT";
}

export function canUseTrainerArea(actor: Actor): boolean {
  return actor.role === "TRAINER";
}

/** Certifying collaborators and naming correspondents: correspondents, on their own SIRETs only. */
export function canManageCompanyPeople(actor: Actor): boolean {
  return actor.role === "CORRESPONDENT";
}
/** Habilitation requests are asked for and withdrawn by the correspondents of the account's SIRET. */
export function canRequestHabilitations(actor: Actor): boolean {
  return actor.role === "CORRESPONDENT";
}

/** Approving, refusing and revoking habilitations: the customs certification service only. */
export function canDecideHabilitations(actor: Actor): boolean {
  return canUseCustomsDesk(actor);
}

/** The API catalogue (names, contacts, fields, url delays) is kept by customs agents. */
export function canEditCatalogue(actor: Actor): boolean {
  return canUseCustomsDesk(actor);
}

/**
 * The per-API data (url, token, …) is the operator's: only the correspondents of the account's
 * SIRET edit it — never a customs agent nor a trainer, who only read it.
 */
export function canEditApiData(actor: Actor): boolean {
  return actor.role === "CORRESPONDENT";
}

/** Revealing a stored secret (token) in clear: the correspondents of the SIRET, audited. */
export function canRevealSecrets(actor: Actor): boolean {
  return actor.role === "CORRESPONDENT";
}

/**
 * Test callbacks ("appels retours") are sent as customs would send them: by customs agents, who
 * call the operators (any account), and by the correspondents of the account's SIRET (their own
 * accounts, to check their system). Trainers and everyone else only read the histories.
 */
export function canSendTestCallbacks(actor: Actor): boolean {
  return actor.role === "CORRESPONDENT" || actor.role === "CUSTOMS_AGENT";
}

/** Prisma filter of the API accounts an actor may send test callbacks for. */
export function callbackAccountsWhere(actor: Actor) {
  switch (actor.role) {
    case "CORRESPONDENT":
      return { establishment: managedEstablishmentsWhere(actor) };
    case "CUSTOMS_AGENT":
      return {};
    default:
      return { id: { in: [] as string[] } };
  }
}

/** "Messages" (the outbox) shows what was sent about the SIRETs of the actor's scope. */
export function canReadMessages(actor: Actor): boolean {
  return actor.role === "CORRESPONDENT";
}


/**
 * Where a person lands after signing in (and from `/`): the customs agent on the request queue,
 * the trainer on FORMATION (demo mode only), everyone else on the API accounts.
 */
export function landingPathFor(actor: Actor, demoMode: boolean): string {
  if (canUseCustomsDesk(actor)) return "/douane";
  if (canUseTrainerArea(actor) && demoMode) return "/formation";
  return "/comptes-api";
}
