/**
 * One zod schema per form, shared by the browser (react-hook-form) and the server action.
 * Messages are French; the server re-runs the same parse before any write.
 */
import { z } from "../zod";
import { isValidSiret } from "../siret";
import { passwordProblems } from "./password-rules";

export const IDENTIFIANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

const identifiant = z
  .string({ error: "L'identifiant est obligatoire." })
  .trim()
  .min(1, "L'identifiant est obligatoire.")
  .max(64, "L'identifiant ne peut pas dépasser 64 caractères.")
  .regex(
    IDENTIFIANT_PATTERN,
    "L'identifiant doit faire de 3 à 64 caractères : lettres sans accent, chiffres, point, tiret ou souligné, en commençant par une lettre ou un chiffre.",
  );

export const emailField = z
  .string({ error: "L'email est obligatoire." })
  .trim()
  .min(1, "L'email est obligatoire.")
  .max(254, "L'email ne peut pas dépasser 254 caractères.")
  .pipe(z.email({ error: "Saisissez une adresse email valide (par exemple api@entreprise.fr)." }));

const siret = z
  .string({ error: "Choisissez un SIRET." })
  .trim()
  .min(1, "Choisissez un SIRET.")
  .refine((v) => isValidSiret(v), "Ce SIRET n'est pas valide (14 chiffres avec une clé de contrôle).");

const password = z.string({ error: "Le mot de passe est obligatoire." }).superRefine((value, ctx) => {
  for (const message of passwordProblems(value)) ctx.addIssue({ code: "custom", message });
});

const passwordConfirmation = z.string({ error: "Confirmez le mot de passe." });

export const createAccountSchema = z
  .object({
    identifiant,
    email: emailField,
    siret,
    password,
    passwordConfirmation,
  })
  .refine((v) => v.password === v.passwordConfirmation, {
    path: ["passwordConfirmation"],
    message: "Les deux mots de passe ne sont pas identiques.",
  });
export type CreateAccountInput = z.input<typeof createAccountSchema>;

export const changeEmailSchema = z.object({ email: emailField });
export type ChangeEmailInput = z.input<typeof changeEmailSchema>;

export const changePasswordSchema = z
  .object({
    password,
    passwordConfirmation,
    confirmSynchronized: z
      .boolean({ error: "Confirmez que tous les systèmes utilisant ce compte seront mis à jour en même temps." })
      .refine((v) => v, "Confirmez que tous les systèmes utilisant ce compte seront mis à jour en même temps."),
  })
  .refine((v) => v.password === v.passwordConfirmation, {
    path: ["passwordConfirmation"],
    message: "Les deux mots de passe ne sont pas identiques.",
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** Search and pagination of the accounts list (from the URL). */
export const listQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
  statut: z.enum(["rouge", "jaune", "vert"]).optional().catch(undefined),
  /** Sorted column and direction (the table's headers). */
  tri: z.enum(["hab", "siret", "identifiant", "email"]).optional().catch(undefined),
  ordre: z.enum(["asc", "desc"]).optional().catch(undefined),
  /** « Demande en attente » only. */
  demande: z.enum(["en-attente"]).optional().catch(undefined),
  /** « Changement d'url en attente » or « url active ». */
  url: z.enum(["en-attente", "active"]).optional().catch(undefined),
  /** What is missing: a field key of the catalogue (url, token…). */
  manque: z.string().trim().max(40).regex(/^[a-z0-9_-]+$/i).optional().catch(undefined),
  /** « Mot de passe à renouveler » (with a renewal period). */
  mdp: z.enum(["a-renouveler"]).optional().catch(undefined),
});
export type ListQueryParams = z.output<typeof listQuerySchema>;

const SORT_BY_SLUG = { hab: "status", siret: "siret", identifiant: "identifiant", email: "email" } as const;
const LEVEL_BY_SLUG = { rouge: "red", jaune: "yellow", vert: "green" } as const;

/** The URL's parameters as the data layer's query (lib/accounts/data.ts). */
export function accountListQueryOf(params: ListQueryParams) {
  return {
    q: params.q || undefined,
    page: params.page,
    status: params.statut ? LEVEL_BY_SLUG[params.statut] : undefined,
    sort: params.tri ? SORT_BY_SLUG[params.tri] : undefined,
    direction: params.ordre,
    pendingRequest: params.demande === "en-attente",
    url: params.url === "en-attente" ? ("pending" as const) : params.url === "active" ? ("active" as const) : undefined,
    missing: params.manque,
    passwordToRenew: params.mdp === "a-renouveler",
  };
}

/** The list's URL for these parameters (filters kept; `page` and sorting as given). */
export function accountListHref(base: string, params: ListQueryParams, change: Partial<ListQueryParams> = {}): string {
  const merged = { ...params, ...change };
  const search = new URLSearchParams();
  for (const key of ["q", "statut", "demande", "url", "manque", "mdp", "tri", "ordre", "page"] as const) {
    const value = merged[key];
    if (value === undefined || value === "" || (key === "page" && value === 1)) continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `${base}?${s}` : base;
}

/** "Supprimer le compte API": the person types the account's identifiant to confirm. */
export const deleteAccountSchema = z.object({
  confirmation: z.string({ error: "Saisissez l'identifiant du compte pour confirmer." }).trim().min(1, "Saisissez l'identifiant du compte pour confirmer.").max(64),
});
export type DeleteAccountInput = z.input<typeof deleteAccountSchema>;

/** The confirmation matches when it is the identifiant exactly (spaces around ignored). */
export function confirmsDeletion(confirmation: string, identifiant: string): boolean {
  return confirmation.trim() === identifiant;
}
