/**
 * The tester's form (shared by the page and the server action). The full outbound policy of a
 * custom URL (private ranges, DNS) runs on the server only; the browser checks the syntax.
 */
import { z } from "../zod";

export const ENVIRONMENT_CHOICES = ["simulateur", "formation", "production", "personnalise"] as const;
export type EnvironmentChoice = (typeof ENVIRONMENT_CHOICES)[number];

const CONTROL = /[\p{Cc}\p{Cf}]/u;

function httpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

export const tokenTestSchema = z
  .object({
    environment: z.enum(ENVIRONMENT_CHOICES, { error: "Choisissez un environnement." }),
    customUrl: z.string({ error: "URL invalide." }).trim().max(2048, "L'URL ne peut pas dépasser 2 048 caractères."),
    identifiant: z
      .string({ error: "L'identifiant est obligatoire." })
      .trim()
      .min(1, "L'identifiant est obligatoire.")
      .max(128, "L'identifiant ne peut pas dépasser 128 caractères.")
      .refine((v) => !CONTROL.test(v), "L'identifiant contient des caractères invisibles."),
    password: z
      .string({ error: "Saisissez le mot de passe du compte API." })
      .min(1, "Saisissez le mot de passe du compte API.")
      .max(256, "Le mot de passe ne peut pas dépasser 256 caractères."),
    apiUrl: z.string({ error: "URL invalide." }).trim().max(2048, "L'URL ne peut pas dépasser 2 048 caractères."),
  })
  .superRefine((v, ctx) => {
    if (v.environment === "personnalise") {
      if (!v.customUrl) ctx.addIssue({ code: "custom", path: ["customUrl"], message: "Saisissez l'URL du point d'accès du jeton (…/oauth2/token)." });
      else if (!httpUrl(v.customUrl)) ctx.addIssue({ code: "custom", path: ["customUrl"], message: "Ce n'est pas une URL https valide (ex. : https://connexion.exemple.fr/oauth2/token)." });
    }
    if (v.apiUrl && !httpUrl(v.apiUrl)) {
      ctx.addIssue({ code: "custom", path: ["apiUrl"], message: "Ce n'est pas une URL https valide (ex. : https://api-form.douane.gouv.fr/…)." });
    }
  });

export type TokenTestInput = z.input<typeof tokenTestSchema>;
