/** Audit events: who, when, what, on which account/SIRET. Never a secret. */
import { db, type Tx } from "../db";
import { now } from "../clock";
import { currentReplay } from "../replay";

export type AuditActor = { id: string; email: string } | null;

export type AuditInput = {
  /** When it happened, if not now (a url change is announced dated with its effective time). */
  at?: Date;
  actor: AuditActor;
  action: string;
  apiAccountId?: string | null;
  siret?: string | null;
  details?: Record<string, unknown>;
};

const SECRET_KEY = /pass|token|secret|authorization|cipher|hash/i;

/** Drops every key that could carry a secret (defence in depth: callers never pass one). */
export function redactDetails(details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(details)) {
    if (SECRET_KEY.test(k)) continue;
    out[k] = v && typeof v === "object" && !Array.isArray(v) ? redactDetails(v as Record<string, unknown>) : v;
  }
  return out;
}

export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  const client = tx ?? db();
  // An event written while a scenario is built says so (lib/replay.ts).
  const source = currentReplay()?.source;
  const details = input.details || source ? { ...input.details, ...(source ? { source } : {}) } : null;
  await client.auditEvent.create({
    data: {
      at: input.at ?? now(),
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      action: input.action,
      apiAccountId: input.apiAccountId ?? null,
      siret: input.siret ?? null,
      details: details ? JSON.stringify(redactDetails(details)) : null,
    },
  });
}

/** French wording of each audit action, for the "Historique" lists. */
export const AUDIT_LABELS: Record<string, string> = {
  ACCOUNT_CREATED: "Compte API créé",
  ACCOUNT_EMAIL_CHANGED: "Email modifié",
  ACCOUNT_PASSWORD_CHANGED: "Mot de passe modifié",
  LOGIN_SUCCEEDED: "Connexion",
  LOGIN_FAILED: "Échec de connexion",
  LOGIN_RATE_LIMITED: "Connexions suspendues pour un poste (trop d'échecs)",
  LOGOUT: "Déconnexion",
  ATTACHMENT_CERTIFIED: "Rattachement certifié",
  ATTACHMENT_DECERTIFIED: "Rattachement décertifié",
  CORRESPONDENT_NAMED: "Correspondant nommé",
  CORRESPONDENT_REMOVED: "Correspondant retiré",
  DEMO_CLOCK_MOVED: "Horloge de démonstration déplacée",
  SCENARIO_LOADED: "Scénario de formation chargé",
  OAUTH_TOKEN_FAILED: "Échec d'obtention de jeton (simulateur OAuth)",
  OAUTH_TOKEN_RATE_LIMITED: "Jeton : trop d'échecs, demandes de ce client suspendues temporairement",
  OAUTH_REFRESH_REUSED: "Jeton de rafraîchissement réutilisé : jetons révoqués",
  OAUTH_SIGNING_KEY_CREATED: "Clé de signature du simulateur créée",
  OAUTH_SIGNING_KEY_ROTATED: "Clé de signature du simulateur renouvelée",
  TOKEN_TEST_RUN: "Test d'obtention d'un jeton",
  CALLBACK_TEST_SENT: "Appel retour de test envoyé",
  REQUEST_SUBMITTED: "Demande d'habilitation envoyée",
  REQUEST_WITHDRAWN: "Demande d'habilitation retirée",
  HABILITATION_APPROVED: "Habilitation accordée",
  HABILITATION_REFUSED: "Habilitation refusée",
  HABILITATION_REVOKED: "Habilitation révoquée",
  API_DATA_UPDATED: "Données d'API modifiées",
  URL_CHANGE_SCHEDULED: "Changement d'url programmé",
  URL_CHANGE_CANCELLED: "Changement d'url annulé",
  URL_CHANGE_EFFECTIVE: "Nouvelle url active",
  SECRET_REVEALED: "Token affiché en clair",
  CATALOGUE_API_UPDATED: "Catalogue : API modifiée",
  CATALOGUE_FIELD_ADDED: "Catalogue : champ ajouté",
  CATALOGUE_FIELD_UPDATED: "Catalogue : champ modifié",
  CATALOGUE_FIELD_REMOVED: "Catalogue : champ retiré",
};

export function auditLabel(action: string): string {
  return AUDIT_LABELS[action] ?? action;
}
