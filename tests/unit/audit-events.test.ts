import { describe, expect, it } from "vitest";
import { AUDIT_EVENTS, auditDetailsJson, auditLabel, describeAuditEvent, type AuditAction, type AuditDetails } from "@/lib/audit/events";

const AT = "2026-12-01T08:05:00.000Z";

/** One sample of every action's details, as the services write them; the expected French sentence. */
const SAMPLES: { [A in AuditAction]: [AuditDetails<A>, string | null] } = {
  ACCOUNT_CREATED: [{ identifiant: "api-x", email: "x@demo.fr" }, "identifiant api-x · email x@demo.fr"],
  ACCOUNT_EMAIL_CHANGED: [{ from: "a@demo.fr", to: "b@demo.fr" }, "a@demo.fr → b@demo.fr"],
  ACCOUNT_PASSWORD_CHANGED: [{ revokedTokenCount: 3 }, "3 jetons révoqués"],
  ACCOUNT_DELETED: [
    { identifiant: "api-x", email: "x@demo.fr", endedHabilitations: ["DeltaH7", "Gamma2"], revokedTokenCount: 1, withdrawnRequestCount: 2 },
    "identifiant api-x · habilitations terminées : DeltaH7, Gamma2 · 1 jeton révoqué · 2 demandes retirées",
  ],
  LOGIN_SUCCEEDED: [{ address: "192.0.2.1", method: "federation" }, "depuis 192.0.2.1 · via ProConnect"],
  FEDERATED_IDENTITY_LINKED: [
    { issuer: "https://proconnect.gouv.fr/api/v2", sub: "abc-123", providerEmail: "c@demo.fr" },
    "première connexion de c@demo.fr (identifiant abc-123 chez https://proconnect.gouv.fr/api/v2)",
  ],
  FEDERATED_LOGIN_REFUSED: [
    { reason: "UNKNOWN_PERSON", providerEmail: "z@demo.fr", sub: "s-1", address: "192.0.2.1" },
    "personne inconnue de la console · z@demo.fr · depuis 192.0.2.1",
  ],
  LOGIN_FAILED: [{ email: "z@demo.fr", address: "192.0.2.1", known: false, failures: 1, clientFailures: 1, emailFailures: 1 }, "z@demo.fr (inconnu) · depuis 192.0.2.1 · 1 échec"],
  LOGIN_RATE_LIMITED: [
    { limitedBy: "client", email: "z@demo.fr", address: "192.0.2.1", known: true, failures: 20, retryAfterSeconds: 900 },
    "limite : ce client · z@demo.fr · depuis 192.0.2.1 · reprise dans 900 s",
  ],
  LOGOUT: [{}, null],
  CUSTOMS_CALLBACK_RESENT: [{ callbackId: "cb1" }, null],
  ATTACHMENT_CERTIFIED: [{ collaborator: "c@demo.fr", from: "PENDING", to: "CERTIFIED" }, "c@demo.fr"],
  ATTACHMENT_DECERTIFIED: [{ collaborator: "c@demo.fr", from: "CERTIFIED", to: "DECERTIFIED" }, "c@demo.fr"],
  CORRESPONDENT_NAMED: [{ correspondent: "c@demo.fr" }, "c@demo.fr"],
  CORRESPONDENT_REMOVED: [{ correspondent: "c@demo.fr", endedSessions: 2 }, "c@demo.fr · 2 sessions terminées"],
  DEMO_CLOCK_MOVED: [{ from: "heure réelle", to: "+4 h" }, "heure réelle → +4 h"],
  SCENARIO_LOADED: [{ scenario: "Compte vert", origin: "cli", previousClock: "+1 h" }, "Compte vert · depuis la ligne de commande · horloge remise à l'heure réelle (était +1 h)"],
  OAUTH_TOKEN_FAILED: [
    { identifiant: "api-x", address: "127.0.0.1", testerUserId: "u1", failures: 2, clientFailures: 2, identifiantFailures: 2 },
    "api-x · depuis le testeur de jeton · 2 échecs",
  ],
  OAUTH_TOKEN_RATE_LIMITED: [
    { limitedBy: "identifiant_client", identifiant: "api-x", address: "192.0.2.9", failures: 5, retryAfterSeconds: 300 },
    "limite : ce client pour cet identifiant · depuis 192.0.2.9 · reprise dans 300 s",
  ],
  OAUTH_REFRESH_REUSED: [{ revokedTokenCount: 0 }, "aucun jeton en cours"],
  OAUTH_SIGNING_KEY_CREATED: [{ kid: "k1", bits: 2048 }, "k1 (RSA 2048 bits)"],
  OAUTH_SIGNING_KEY_ROTATED: [{ kid: "k2", retired: ["k1"], deleted: [] }, "nouvelle clé k2 · retirées : k1"],
  TOKEN_TEST_RUN: [{ environment: "simulateur", outcome: "oauth_error", oauthError: "invalid_grant", httpStatus: 400, latencyMs: 12 }, "Erreur OAuth · Simulateur (cette console) · invalid_grant · HTTP 400 · 12 ms"],
  CALLBACK_TEST_SENT: [{ api: "DeltaH7", url: "https://x.fr/cb", outcome: "success", httpStatus: 200, latencyMs: 8 }, "DeltaH7 · https://x.fr/cb · accepté · HTTP 200 · 8 ms"],
  REQUEST_SUBMITTED: [{ apis: ["DeltaH7", "Gamma2"] }, "DeltaH7, Gamma2"],
  REQUEST_WITHDRAWN: [{ apis: ["Gamma2"] }, "Gamma2"],
  HABILITATION_APPROVED: [{ api: "DeltaH7" }, "DeltaH7"],
  HABILITATION_REFUSED: [{ api: "Gamma2", reason: "Pas d'entrepositaire" }, "Gamma2 · motif : Pas d'entrepositaire"],
  HABILITATION_REVOKED: [{ api: "Gamma2", reason: "Usage non conforme" }, "Gamma2 · motif : Usage non conforme"],
  API_DATA_UPDATED: [{ api: "PNTS", fields: ["url", "token"] }, "PNTS · url, token"],
  URL_CHANGE_SCHEDULED: [
    { api: "DeltaH7", field: "url", url: "https://b.fr", effectiveAt: AT, replacedUrl: "https://a.fr" },
    "DeltaH7 · https://b.fr · active au plus tard le 1er décembre 2026 à 09:05 · remplace https://a.fr (en attente)",
  ],
  URL_CHANGE_CANCELLED: [{ api: "DeltaH7", field: "url", cancelledUrl: "https://b.fr" }, "DeltaH7 · https://b.fr"],
  URL_CHANGE_EFFECTIVE: [{ api: "DeltaH7", field: "url", url: "https://b.fr", effectiveAt: AT }, "DeltaH7 · https://b.fr · active depuis le 1er décembre 2026 à 09:05"],
  SECRET_REVEALED: [{ api: "PNTS", field: "token" }, "PNTS · token"],
  CATALOGUE_API_UPDATED: [
    { api: "PNTS", name: { from: "PNTS", to: "PNTS 2" }, delayMinutes: { from: "240", to: "60" }, descriptionChanged: true },
    "PNTS · nom : PNTS → PNTS 2 · délai : 240 → 60 min · description modifiée",
  ],
  CATALOGUE_FIELD_ADDED: [{ api: "PNTS", field: "code", required: true, accountsRefreshed: 1 }, "PNTS · code · obligatoire · 1 compte recalculé"],
  CATALOGUE_FIELD_UPDATED: [{ api: "PNTS", field: "code", label: "Code", required: false, accountsRefreshed: 0 }, "PNTS · code (« Code ») · facultatif · 0 compte recalculé"],
  CATALOGUE_FIELD_REMOVED: [{ api: "PNTS", field: "code", deletedValues: 4, accountsRefreshed: 2 }, "PNTS · code · 4 valeurs supprimées · 2 comptes recalculés"],
  PASSWORD_RENEWAL_REMINDED: [{ stage: "D7", dueAt: AT, maxAgeDays: 424 }, "7 jours avant · à renouveler le 1er décembre 2026 (période de 424 jours)"],
  OUTBOX_RETRIED: [{ kind: "DECISION", from: "FAILED" }, "DECISION (était FAILED)"],
};

describe("audit events", () => {
  it("every action has a French label and renders its details in French (none left to a raw key)", () => {
    for (const action of Object.keys(AUDIT_EVENTS) as AuditAction[]) {
      const [details, expected] = SAMPLES[action];
      expect(auditLabel(action)).not.toBe(action);
      const json = auditDetailsJson(action, details as Record<string, unknown>);
      expect(describeAuditEvent(action, json), action).toBe(expected);
    }
  });

  it("counts of revoked tokens are kept, not silently dropped as the old key filter did", () => {
    const json = auditDetailsJson("ACCOUNT_PASSWORD_CHANGED", { revokedTokenCount: 2 });
    expect(JSON.parse(json!)).toEqual({ revokedTokenCount: 2 });
  });

  it("an undeclared key (a secret under a new name) is refused loudly, never written", () => {
    expect(() => auditDetailsJson("SECRET_REVEALED", { api: "PNTS", field: "token", value: "Le-Token-42" })).toThrow();
    expect(() => auditDetailsJson("ACCOUNT_PASSWORD_CHANGED", { revokedTokenCount: 1, password: "x" })).toThrow();
  });

  it("no action declares a key that names a secret (only counts of tokens)", () => {
    for (const [action, def] of Object.entries(AUDIT_EVENTS)) {
      for (const key of Object.keys(def.schema.shape)) {
        if (/pass|secret|authorization|cipher|hash/i.test(key)) throw new Error(`${action}.${key}`);
        if (/token/i.test(key)) expect(key, `${action}.${key}`).toMatch(/Count$/);
      }
    }
  });

  it("a scenario's events say so; an event written by an older version still shows its values", () => {
    const json = auditDetailsJson("HABILITATION_APPROVED", { api: "DeltaH7", source: "scénario « Compte vert »" });
    expect(describeAuditEvent("HABILITATION_APPROVED", json)).toBe("DeltaH7 · (scénario « Compte vert »)");
    expect(describeAuditEvent("HABILITATION_REVOKED", JSON.stringify({ api: "Gamma2", motif: "ancien" }))).toBe("Gamma2 · ancien");
    expect(describeAuditEvent("UNKNOWN", "not json")).toBeNull();
  });
});
