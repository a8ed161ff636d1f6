/**
 * Every audit action, defined once: its French label, the shape of its details (English keys,
 * zod, strict — a key that is not declared is refused, so a secret cannot slip in under a new
 * name) and the French sentence « Historique » shows for them. `recordAudit` parses against this
 * registry; pages render through `describeAuditEvent`.
 */
import { z } from "../zod";
import { formatDate, formatDateTime } from "../format";
import { OUTCOME_LABELS as CALLBACK_OUTCOME_LABELS } from "../callbacks/deliver";
import { OUTCOME_LABELS as TOKEN_TEST_OUTCOMES } from "../token-tester/report";
import { CUSTOM_ENVIRONMENT_ID, environments, isEnvironmentId } from "../oauth/environments";

const text = z.string().max(2000);
const count = z.number().int().min(0);
const names = z.array(text).max(100);
const change = z.object({ from: text, to: text }).strict();
const fromTo = { from: text, to: text };

const LIMITED_BY_LABELS: Record<string, string> = {
  identifiant_client: "ce client pour cet identifiant",
  email_client: "ce poste pour cet email",
  client: "ce client",
  identifiant: "cet identifiant, tous clients ayant échoué",
  email: "cet email, tous postes ayant échoué",
};

const FEDERATED_REFUSAL_LABELS: Record<string, string> = {
  INVALID_CLAIMS: "réponse du fournisseur incomplète",
  UNKNOWN_PERSON: "personne inconnue de la console",
  EMAIL_NOT_VERIFIED: "email non vérifié par le fournisseur",
  LINKED_TO_ANOTHER_IDENTITY: "utilisateur déjà rattaché à une autre identité",
};

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const tokens = (n: number) => (n === 0 ? "aucun jeton en cours" : `${plural(n, "jeton révoqué", "jetons révoqués")}`);
const join = (parts: (string | null | false | undefined)[]) => parts.filter(Boolean).join(" · ") || null;
const environmentLabel = (id: string) => (id === CUSTOM_ENVIRONMENT_ID ? "URL personnalisée" : isEnvironmentId(id) ? environments()[id].label : id);
const retry = (s: number | null) => (s === null ? null : `reprise dans ${s} s`);

type Definition<S extends z.ZodObject> = { label: string; schema: S; describe: (details: z.infer<S>) => string | null };
const define = <S extends z.ZodObject>(label: string, schema: S, describe: (details: z.infer<S>) => string | null): Definition<S> => ({ label, schema, describe });

/** Written by every event built while a scenario replays (lib/replay.ts). */
const common = { source: text.optional() };
const shape = <T extends z.ZodRawShape>(fields: T) => z.object({ ...fields, ...common }).strict();

export const AUDIT_EVENTS = {
  ACCOUNT_CREATED: define("Compte API créé", shape({ identifiant: text, email: text }), (d) => `identifiant ${d.identifiant} · email ${d.email}`),
  ACCOUNT_EMAIL_CHANGED: define("Email modifié", shape(fromTo), (d) => `${d.from} → ${d.to}`),
  ACCOUNT_PASSWORD_CHANGED: define("Mot de passe modifié", shape({ revokedTokenCount: count }), (d) => tokens(d.revokedTokenCount)),
  ACCOUNT_DELETED: define(
    "Compte API supprimé",
    shape({ identifiant: text, email: text, endedHabilitations: names, revokedTokenCount: count, withdrawnRequestCount: count }),
    (d) =>
      join([
        `identifiant ${d.identifiant}`,
        d.endedHabilitations.length > 0 ? `habilitations terminées : ${d.endedHabilitations.join(", ")}` : "aucune habilitation",
        tokens(d.revokedTokenCount),
        d.withdrawnRequestCount > 0 && plural(d.withdrawnRequestCount, "demande retirée", "demandes retirées"),
      ]),
  ),
  LOGIN_SUCCEEDED: define("Connexion", shape({ address: text, method: z.enum(["credentials", "federation"]).optional() }), (d) =>
    join([`depuis ${d.address}`, d.method === "federation" && "via ProConnect"]),
  ),
  FEDERATED_IDENTITY_LINKED: define(
    "Identité ProConnect rattachée",
    shape({ issuer: text, sub: text, providerEmail: text }),
    (d) => `première connexion de ${d.providerEmail} (identifiant ${d.sub} chez ${d.issuer})`,
  ),
  FEDERATED_LOGIN_REFUSED: define(
    "Connexion ProConnect refusée",
    shape({ reason: z.enum(["INVALID_CLAIMS", "UNKNOWN_PERSON", "EMAIL_NOT_VERIFIED", "LINKED_TO_ANOTHER_IDENTITY"]), providerEmail: text, sub: text, address: text }),
    (d) => join([FEDERATED_REFUSAL_LABELS[d.reason], d.providerEmail, `depuis ${d.address}`]),
  ),
  LOGIN_FAILED: define(
    "Échec de connexion",
    shape({ email: text, address: text, known: z.boolean(), failures: count, clientFailures: count, emailFailures: count }),
    (d) => join([`${d.email}${d.known ? "" : " (inconnu)"}`, `depuis ${d.address}`, plural(d.failures, "échec", "échecs")]),
  ),
  LOGIN_RATE_LIMITED: define(
    "Connexions suspendues pour un poste (trop d'échecs)",
    shape({ limitedBy: text, email: text, address: text, known: z.boolean(), failures: count, retryAfterSeconds: count.nullable() }),
    (d) => join([`limite : ${LIMITED_BY_LABELS[d.limitedBy] ?? d.limitedBy}`, d.email, `depuis ${d.address}`, retry(d.retryAfterSeconds)]),
  ),
  LOGOUT: define("Déconnexion", shape({}), () => null),
  CUSTOMS_CALLBACK_RESENT: define("Appel retour de la douane renvoyé", shape({ callbackId: text }), () => null),
  ATTACHMENT_CERTIFIED: define("Rattachement certifié", shape({ collaborator: text, ...fromTo }), (d) => d.collaborator),
  ATTACHMENT_DECERTIFIED: define("Rattachement décertifié", shape({ collaborator: text, ...fromTo }), (d) => d.collaborator),
  CORRESPONDENT_NAMED: define("Correspondant nommé", shape({ correspondent: text }), (d) => d.correspondent),
  CORRESPONDENT_REMOVED: define("Correspondant retiré", shape({ correspondent: text, endedSessions: count }), (d) =>
    join([d.correspondent, d.endedSessions > 0 && plural(d.endedSessions, "session terminée", "sessions terminées")]),
  ),
  DEMO_CLOCK_MOVED: define("Horloge de démonstration déplacée", shape(fromTo), (d) => `${d.from} → ${d.to}`),
  SCENARIO_LOADED: define(
    "Scénario de formation chargé",
    shape({ scenario: text, origin: z.literal("cli").optional(), previousClock: text.optional() }),
    (d) => join([d.scenario, d.origin === "cli" && "depuis la ligne de commande", d.previousClock && `horloge remise à l'heure réelle (était ${d.previousClock})`]),
  ),
  OAUTH_TOKEN_FAILED: define(
    "Échec d'obtention de jeton (simulateur OAuth)",
    shape({ identifiant: text, address: text, testerUserId: text.optional(), failures: count, clientFailures: count, identifiantFailures: count }),
    (d) => join([d.identifiant, `depuis ${d.testerUserId ? "le testeur de jeton" : d.address}`, plural(d.failures, "échec", "échecs")]),
  ),
  OAUTH_TOKEN_RATE_LIMITED: define(
    "Jeton : trop d'échecs, demandes de ce client suspendues temporairement",
    shape({ limitedBy: text, identifiant: text, address: text, testerUserId: text.optional(), failures: count, retryAfterSeconds: count.nullable() }),
    (d) => join([`limite : ${LIMITED_BY_LABELS[d.limitedBy] ?? d.limitedBy}`, `depuis ${d.testerUserId ? "le testeur de jeton" : d.address}`, retry(d.retryAfterSeconds)]),
  ),
  OAUTH_REFRESH_REUSED: define("Jeton de rafraîchissement réutilisé : jetons révoqués", shape({ revokedTokenCount: count }), (d) => tokens(d.revokedTokenCount)),
  OAUTH_SIGNING_KEY_CREATED: define("Clé de signature du simulateur créée", shape({ kid: text, bits: count }), (d) => `${d.kid} (RSA ${d.bits} bits)`),
  OAUTH_SIGNING_KEY_ROTATED: define("Clé de signature du simulateur renouvelée", shape({ kid: text, retired: names, deleted: names }), (d) =>
    join([`nouvelle clé ${d.kid}`, d.retired.length > 0 && `retirées : ${d.retired.join(", ")}`, d.deleted.length > 0 && `supprimées : ${d.deleted.join(", ")}`]),
  ),
  TOKEN_TEST_RUN: define(
    "Test d'obtention d'un jeton",
    shape({ environment: text, outcome: z.enum(Object.keys(TOKEN_TEST_OUTCOMES) as [keyof typeof TOKEN_TEST_OUTCOMES]), oauthError: text.optional(), httpStatus: count.optional(), latencyMs: count }),
    (d) => join([TOKEN_TEST_OUTCOMES[d.outcome], environmentLabel(d.environment), d.oauthError, d.httpStatus !== undefined && `HTTP ${d.httpStatus}`, `${d.latencyMs} ms`]),
  ),
  CALLBACK_TEST_SENT: define(
    "Appel retour de test envoyé",
    shape({ api: text, url: text, outcome: z.enum(Object.keys(CALLBACK_OUTCOME_LABELS) as [keyof typeof CALLBACK_OUTCOME_LABELS]), httpStatus: count.optional(), latencyMs: count }),
    (d) => join([d.api, d.url, CALLBACK_OUTCOME_LABELS[d.outcome], d.httpStatus !== undefined && `HTTP ${d.httpStatus}`, `${d.latencyMs} ms`]),
  ),
  REQUEST_SUBMITTED: define("Demande d'habilitation envoyée", shape({ apis: names }), (d) => d.apis.join(", ")),
  REQUEST_WITHDRAWN: define("Demande d'habilitation retirée", shape({ apis: names }), (d) => d.apis.join(", ")),
  HABILITATION_APPROVED: define("Habilitation accordée", shape({ api: text }), (d) => d.api),
  HABILITATION_REFUSED: define("Habilitation refusée", shape({ api: text, reason: text.optional() }), (d) => join([d.api, d.reason && `motif : ${d.reason}`])),
  HABILITATION_REVOKED: define("Habilitation révoquée", shape({ api: text, reason: text }), (d) => `${d.api} · motif : ${d.reason}`),
  API_DATA_UPDATED: define("Données d'API modifiées", shape({ api: text, fields: names }), (d) => `${d.api} · ${d.fields.join(", ")}`),
  URL_CHANGE_SCHEDULED: define(
    "Changement d'url programmé",
    shape({ api: text, field: text, url: text, effectiveAt: z.iso.datetime(), replacedUrl: text.optional() }),
    (d) => join([d.api, d.url, `active au plus tard le ${formatDateTime(d.effectiveAt)}`, d.replacedUrl && `remplace ${d.replacedUrl} (en attente)`]),
  ),
  URL_CHANGE_CANCELLED: define("Changement d'url annulé", shape({ api: text, field: text, cancelledUrl: text }), (d) => `${d.api} · ${d.cancelledUrl}`),
  URL_CHANGE_EFFECTIVE: define("Nouvelle url active", shape({ api: text, field: text, url: text, effectiveAt: z.iso.datetime() }), (d) =>
    `${d.api} · ${d.url} · active depuis le ${formatDateTime(d.effectiveAt)}`,
  ),
  SECRET_REVEALED: define("Token affiché en clair", shape({ api: text, field: text }), (d) => `${d.api} · ${d.field}`),
  CATALOGUE_API_UPDATED: define(
    "Catalogue : API modifiée",
    shape({ api: text, name: change.optional(), contactEmail: change.optional(), delayMinutes: change.optional(), descriptionChanged: z.literal(true).optional() }),
    (d) =>
      join([
        d.api,
        d.name && `nom : ${d.name.from} → ${d.name.to}`,
        d.contactEmail && `contact : ${d.contactEmail.from} → ${d.contactEmail.to}`,
        d.delayMinutes && `délai : ${d.delayMinutes.from} → ${d.delayMinutes.to} min`,
        d.descriptionChanged && "description modifiée",
      ]),
  ),
  CATALOGUE_FIELD_ADDED: define("Catalogue : champ ajouté", shape({ api: text, field: text, required: z.boolean(), accountsRefreshed: count }), (d) =>
    join([d.api, d.field, d.required ? "obligatoire" : "facultatif", plural(d.accountsRefreshed, "compte recalculé", "comptes recalculés")]),
  ),
  CATALOGUE_FIELD_UPDATED: define(
    "Catalogue : champ modifié",
    shape({ api: text, field: text, label: text, required: z.boolean(), accountsRefreshed: count }),
    (d) => join([d.api, `${d.field} (« ${d.label} »)`, d.required ? "obligatoire" : "facultatif", plural(d.accountsRefreshed, "compte recalculé", "comptes recalculés")]),
  ),
  CATALOGUE_FIELD_REMOVED: define("Catalogue : champ retiré", shape({ api: text, field: text, deletedValues: count, accountsRefreshed: count }), (d) =>
    join([d.api, d.field, plural(d.deletedValues, "valeur supprimée", "valeurs supprimées"), plural(d.accountsRefreshed, "compte recalculé", "comptes recalculés")]),
  ),
  PASSWORD_RENEWAL_REMINDED: define(
    "Rappel : mot de passe à renouveler",
    shape({ stage: z.enum(["D30", "D7", "D0"]), dueAt: z.iso.datetime(), maxAgeDays: count }),
    (d) => `${d.stage === "D0" ? "le jour même" : d.stage === "D7" ? "7 jours avant" : "30 jours avant"} · à renouveler le ${formatDate(d.dueAt)} (période de ${d.maxAgeDays} jours)`,
  ),
  OUTBOX_RETRIED: define("Message renvoyé", shape({ kind: text, from: text }), (d) => `${d.kind} (était ${d.from})`),
} as const;

export type AuditAction = keyof typeof AUDIT_EVENTS;
export type AuditDetails<A extends AuditAction> = z.input<(typeof AUDIT_EVENTS)[A]["schema"]>;

export const isAuditAction = (action: string): action is AuditAction => Object.hasOwn(AUDIT_EVENTS, action);

export function auditLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_EVENTS[action].label : action;
}

/** The details as stored, checked against the action's definition (throws on an undeclared key: a bug). */
export function auditDetailsJson(action: AuditAction, details: Record<string, unknown>): string | null {
  const parsed = AUDIT_EVENTS[action].schema.parse(details);
  return Object.keys(parsed).length > 0 ? JSON.stringify(parsed) : null;
}

/** What « Historique » says after the label; an event written by an older version falls back to its values. */
export function describeAuditEvent(action: string, details: string | null): string | null {
  if (!details) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(details);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const source = typeof (raw as { source?: unknown }).source === "string" ? `(${(raw as { source: string }).source})` : null;
  if (isAuditAction(action)) {
    const definition = AUDIT_EVENTS[action] as Definition<z.ZodObject>;
    const parsed = definition.schema.safeParse(raw);
    if (parsed.success) return join([definition.describe(parsed.data), source]);
  }
  const values = Object.entries(raw as Record<string, unknown>)
    .filter(([k, v]) => k !== "source" && (typeof v === "string" || typeof v === "number"))
    .map(([, v]) => String(v));
  return join([...values, source]);
}
