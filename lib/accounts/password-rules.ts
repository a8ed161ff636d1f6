/**
 * The API account password rule (SPEC "API account" §4): at least 12 characters, with upper
 * case, lower case, digits and special characters. Pure: used by the browser's live checklist
 * and by the zod schema the server action runs again.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordRule = { id: string; label: string; test: (value: string) => boolean };

export const PASSWORD_RULES: readonly PasswordRule[] = [
  { id: "length", label: `Au moins ${PASSWORD_MIN_LENGTH} caractères`, test: (v) => [...v].length >= PASSWORD_MIN_LENGTH },
  { id: "upper", label: "Au moins une lettre majuscule", test: (v) => /\p{Lu}/u.test(v) },
  { id: "lower", label: "Au moins une lettre minuscule", test: (v) => /\p{Ll}/u.test(v) },
  { id: "digit", label: "Au moins un chiffre", test: (v) => /\p{Nd}/u.test(v) },
  { id: "special", label: "Au moins un caractère spécial (! ? - _ @ # …)", test: (v) => /[\p{P}\p{S}]/u.test(v) },
];

/** Control characters (and other invisible formats) are never part of a password. */
const FORBIDDEN = /[\p{Cc}\p{Cf}]/u;

export type PasswordCheck = { id: string; label: string; ok: boolean };

export function checkPassword(value: string): PasswordCheck[] {
  return PASSWORD_RULES.map((r) => ({ id: r.id, label: r.label, ok: r.test(value) }));
}

/** The French messages for every rule the value breaks (empty when the password is acceptable). */
export function passwordProblems(value: string): string[] {
  const problems: string[] = [];
  for (const r of PASSWORD_RULES) {
    if (!r.test(value)) problems.push(`Le mot de passe doit contenir ${r.label.charAt(0).toLowerCase()}${r.label.slice(1)}.`);
  }
  if ([...value].length > PASSWORD_MAX_LENGTH) problems.push(`Le mot de passe ne peut pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`);
  if (FORBIDDEN.test(value)) problems.push("Le mot de passe ne peut pas contenir de caractères de contrôle.");
  return problems;
}

export function isPasswordAcceptable(value: string): boolean {
  return passwordProblems(value).length === 0;
}
