/**
 * zod schemas of the habilitation forms, shared by the browser and the server actions.
 * Messages are French; the server re-runs the same parse before any write.
 */
import { z } from "../zod";

export const MESSAGE_MAX_LENGTH = 1000;
export const REASON_MIN_LENGTH = 3;

/** Optional free text: absent or empty is fine; too long is refused with its own message, never dropped. */
const optionalMessage = z.string({ error: "Le message doit être un texte." }).trim().max(MESSAGE_MAX_LENGTH, `Le message ne peut pas dépasser ${MESSAGE_MAX_LENGTH} caractères.`).optional();

/** "Demander une habilitation": one or more APIs (catalogue codes), an optional message. */
export const habilitationRequestSchema = z.object({
  apiCodes: z
    .array(z.string().max(40), { error: "Choisissez au moins une API." })
    .min(1, "Choisissez au moins une API.")
    .max(20)
    .transform((codes) => [...new Set(codes)]),
  message: optionalMessage,
});
export type HabilitationRequestInput = z.input<typeof habilitationRequestSchema>;

const reason = z
  .string({ error: "Indiquez le motif." })
  .trim()
  .min(REASON_MIN_LENGTH, "Indiquez le motif (au moins 3 caractères) : il sera communiqué au correspondant.")
  .max(MESSAGE_MAX_LENGTH, `Le motif ne peut pas dépasser ${MESSAGE_MAX_LENGTH} caractères.`);

/** Customs' decisions on a request: per API, approve, refuse (with a reason) or decide later. */
export const decisionsSchema = z
  .object({
    items: z
      .array(
        z.object({
          itemId: z.string().min(1).max(64),
          decision: z.enum(["APPROVED", "REFUSED", "LATER"], { error: "Choisissez une décision." }),
          reason: z.string({ error: "Le motif doit être un texte." }).trim().max(MESSAGE_MAX_LENGTH, `Le motif ne peut pas dépasser ${MESSAGE_MAX_LENGTH} caractères.`).optional(),
        }),
      )
      .min(1)
      .max(20),
  })
  .superRefine((value, ctx) => {
    value.items.forEach((item, index) => {
      if (item.decision === "REFUSED" && (item.reason ?? "").length < REASON_MIN_LENGTH) {
        ctx.addIssue({
          code: "custom",
          path: ["items", index, "reason"],
          message: "Un refus doit être motivé (au moins 3 caractères) : le motif est communiqué au correspondant.",
        });
      }
    });
    if (value.items.every((i) => i.decision === "LATER")) {
      ctx.addIssue({ code: "custom", path: ["items"], message: "Choisissez au moins une décision (accorder ou refuser)." });
    }
  });
export type DecisionsInput = z.input<typeof decisionsSchema>;

export const revokeSchema = z.object({ reason });
export type RevokeInput = z.input<typeof revokeSchema>;

// ---------------------------------------------------------------------------
// API catalogue (customs agents)
// ---------------------------------------------------------------------------

export const DELAY_MAX_MINUTES = 7 * 24 * 60;

export const apiSettingsSchema = z.object({
  name: z.string().trim().min(1, "Le nom est obligatoire.").max(60, "Le nom ne peut pas dépasser 60 caractères."),
  description: z.string().trim().min(1, "La description est obligatoire.").max(500, "La description ne peut pas dépasser 500 caractères."),
  contactEmail: z
    .string()
    .trim()
    .min(1, "L'email du contact douanier est obligatoire.")
    .max(254)
    .pipe(z.email({ error: "Saisissez une adresse email valide (par exemple contact@douane.gouv.fr)." })),
  urlDelayMinutes: z.coerce
    .number({ error: "Indiquez un nombre de minutes." })
    .int("Indiquez un nombre entier de minutes.")
    .min(1, "Le délai est d'au moins 1 minute : un changement d'url n'est jamais immédiat.")
    .max(DELAY_MAX_MINUTES, `Le délai ne peut pas dépasser ${DELAY_MAX_MINUTES} minutes (7 jours).`),
});
export type ApiSettingsInput = z.input<typeof apiSettingsSchema>;

export const FIELD_KEY_PATTERN = /^[a-z][a-zA-Z0-9]{1,31}$/;

const fieldLabel = z.string().trim().min(1, "Le libellé est obligatoire.").max(60, "Le libellé ne peut pas dépasser 60 caractères.");
const fieldHelp = z.string({ error: "L'aide doit être un texte." }).trim().max(300, "L'aide ne peut pas dépasser 300 caractères.").optional();

export const newFieldSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(FIELD_KEY_PATTERN, "La clé fait de 2 à 32 caractères : une minuscule puis des lettres sans accent ou des chiffres (ex. : codeBureau)."),
  label: fieldLabel,
  kind: z.enum(["URL", "SECRET", "TEXT", "EMAIL"], { error: "Choisissez un type." }),
  required: z.boolean().catch(false),
  help: fieldHelp,
});
export type NewFieldInput = z.input<typeof newFieldSchema>;

export const fieldUpdateSchema = z.object({ label: fieldLabel, required: z.boolean().catch(false), help: fieldHelp });
export type FieldUpdateInput = z.input<typeof fieldUpdateSchema>;

/** Every API keeps these two fields, required, with these kinds (issue 2/6 §1). */
export const BUILT_IN_FIELDS: Readonly<Record<string, "URL" | "SECRET">> = { url: "URL", token: "SECRET" };

/** The customs queue's filters, from the URL (?etat=en-attente&api=GAMMA2&siret=123&page=2). */
export const queueQuerySchema = z.object({
  etat: z.enum(["en-attente", "acceptee", "partielle", "refusee", "retiree", "toutes"]).optional().catch(undefined),
  api: z.string().trim().regex(/^[A-Z0-9_]{1,40}$/).optional().catch(undefined),
  siret: z.string().trim().max(20).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export const QUEUE_STATE_BY_SLUG = {
  "en-attente": "SUBMITTED",
  acceptee: "APPROVED",
  partielle: "PARTIALLY_APPROVED",
  refusee: "REFUSED",
  retiree: "WITHDRAWN",
  toutes: "ALL",
} as const;
