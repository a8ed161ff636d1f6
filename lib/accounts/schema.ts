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
});

/** "Supprimer le compte API": the person types the account's identifiant to confirm. */
export const deleteAccountSchema = z.object({
  confirmation: z.string({ error: "Saisissez l'identifiant du compte pour confirmer." }).trim().min(1, "Saisissez l'identifiant du compte pour confirmer.").max(64),
});
export type DeleteAccountInput = z.input<typeof deleteAccountSchema>;

/** The confirmation matches when it is the identifiant exactly (spaces around ignored). */
export function confirmsDeletion(confirmation: string, identifiant: string): boolean {
  return confirmation.trim() === identifiant;
}
