/**
 * The per-API data form ("API habilitées"): one zod schema built from the API's catalogue
 * fields, shared by the browser (react-hook-form) and the server action. Browser-safe: no Node
 * import. The server adds the outbound policy's check (lib/net/outbound.ts) on top.
 *
 * URL rule (issue 2/6): https with a valid host; plain http only for a loopback host (local
 * demos: localhost, 127.x.x.x, [::1]); no credentials; at most 2,048 characters. Storing a
 * loopback URL is always accepted; whether the console may *call* it is decided at call time
 * by lib/net/outbound.ts (OUTBOUND_ALLOW_LOOPBACK).
 */
import { z } from "../zod";

export type FieldKind = "URL" | "SECRET" | "TEXT" | "EMAIL";
export type FieldDef = { key: string; label: string; kind: FieldKind; required: boolean };
export type ApiDataInput = Record<string, string>;

/** Same limit as lib/net/outbound.ts (not imported: that module needs Node). */
export const URL_MAX_LENGTH = 2048;
export const SECRET_MAX_LENGTH = 4096;
export const TEXT_MAX_LENGTH = 500;

export const FIELD_KIND_LABELS: Record<FieldKind, string> = {
  URL: "Adresse (url)",
  SECRET: "Secret (masqué, chiffré)",
  TEXT: "Texte",
  EMAIL: "Email",
};

function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}

const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** Spaces and control or format characters (CR, LF, tab, NUL, zero-width…): never in a URL. */
export const URL_FORBIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Z}]/u;
export const URL_FORBIDDEN_MESSAGE = "L'url ne doit contenir ni espace ni caractère de contrôle (retour à la ligne, tabulation…).";

/** The first problem of a callback base URL, in French, or null when it is acceptable. */
export function callbackUrlProblem(raw: string): string | null {
  if (raw.length > URL_MAX_LENGTH) return `L'url dépasse ${URL_MAX_LENGTH.toLocaleString("fr-FR")} caractères.`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Ce n'est pas une url valide (ex. : https://api.entreprise.fr/douane).";
  }
  // The URL parser silently drops tabs and newlines: refused, never stored nor copied into a message.
  if (URL_FORBIDDEN_CHARACTERS.test(raw)) return URL_FORBIDDEN_MESSAGE;
  if (url.username || url.password) return "L'url ne doit pas contenir d'identifiant ni de mot de passe.";
  const loopback = isLoopbackHostname(url.hostname);
  if (url.protocol === "http:") {
    if (!loopback) return "L'url doit être en https (http n'est accepté que pour une adresse locale de démonstration : localhost, 127.0.0.1).";
  } else if (url.protocol !== "https:") {
    return "L'url doit être en https.";
  }
  if (!url.hostname) return "L'url doit comporter un nom d'hôte.";
  const isIpLiteral = /^\d+\.\d+\.\d+\.\d+$/.test(url.hostname) || url.hostname.startsWith("[");
  if (!loopback && !isIpLiteral) {
    const labels = url.hostname.split(".");
    if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l)) || /^\d+$/.test(labels[labels.length - 1]!)) {
      return "Le nom d'hôte de l'url n'est pas valide (ex. : api.entreprise.fr).";
    }
  }
  return null;
}

/** "L'url", "Le token", « Code bureau » — the subject of a French message about a field. */
export function fieldSubject(field: Pick<FieldDef, "key" | "label">): string {
  if (field.key === "url") return "L'url";
  if (field.key === "token") return "Le token";
  return `« ${field.label} »`;
}

export function requiredMessage(field: Pick<FieldDef, "key" | "label">): string {
  if (field.key === "url" || field.key === "token") return `${fieldSubject(field)} est obligatoire.`;
  return `Le champ ${fieldSubject(field)} est obligatoire.`;
}

const CONTROL = /[\p{Cc}\p{Cf}]/u;
const EMAIL = z.email();

/**
 * `present[key]` tells whether the field already holds a value: an empty secret then means
 * "keep the current one", and a url cannot be emptied (it is replaced, with the delay).
 */
export function apiDataSchema(fields: readonly FieldDef[], present: Readonly<Record<string, boolean>> = {}) {
  const shape: Record<string, z.ZodType<string>> = {};
  for (const field of fields) {
    const subject = fieldSubject(field);
    const has = Boolean(present[field.key]);
    shape[field.key] = z
      .string()
      .catch("")
      .transform((v) => v.trim())
      .superRefine((value, ctx) => {
        const problem = (message: string) => ctx.addIssue({ code: "custom", message });
        if (value === "") {
          if (field.kind === "SECRET" && has) return; // keep the stored secret
          if (field.kind === "URL" && has) return problem("Une adresse déjà enregistrée ne peut pas être effacée : saisissez la nouvelle adresse.");
          if (field.required) return problem(requiredMessage(field));
          return;
        }
        switch (field.kind) {
          case "URL": {
            const p = callbackUrlProblem(value);
            if (p) problem(p);
            return;
          }
          case "SECRET":
            if (value.length > SECRET_MAX_LENGTH) problem(`${subject} ne peut pas dépasser ${SECRET_MAX_LENGTH} caractères.`);
            else if (CONTROL.test(value)) problem(`${subject} ne peut pas contenir de retour à la ligne ni de caractère de contrôle.`);
            return;
          case "EMAIL":
            if (value.length > 254 || !EMAIL.safeParse(value).success) problem("Saisissez une adresse email valide (par exemple api@entreprise.fr).");
            return;
          default:
            if (value.length > TEXT_MAX_LENGTH) problem(`${subject} ne peut pas dépasser ${TEXT_MAX_LENGTH} caractères.`);
            else if (CONTROL.test(value)) problem(`${subject} ne peut pas contenir de caractère de contrôle.`);
        }
      });
  }
  // Input and output are both "field key → string" (non-strings are read as empty).
  return z.object(shape) as unknown as z.ZodType<ApiDataInput, ApiDataInput>;
}
