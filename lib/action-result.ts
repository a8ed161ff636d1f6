/** The state every form's server action returns (Next.js dashboard pattern). */
export type FieldErrors = Partial<Record<string, string[]>>;

export type ActionResult<T = undefined> =
  | { ok: true; message?: string; data: T }
  | { ok: false; message: string; errors?: FieldErrors };

export function fail(message: string, errors?: FieldErrors): { ok: false; message: string; errors?: FieldErrors } {
  return errors ? { ok: false, message, errors } : { ok: false, message };
}

export const INVALID_FORM_MESSAGE = "Le formulaire contient des erreurs : corrigez les champs signalés.";

/** zod issues → { field: [messages] } (first path segment). */
export function zodFieldErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? "_form");
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
