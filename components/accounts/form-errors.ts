import type { FieldError, FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { FieldErrors } from "@/lib/action-result";

/** All messages of a field (criteriaMode "all" keeps one per broken rule). */
export function messagesOf(error: FieldError | undefined): string[] {
  if (!error) return [];
  const types = error.types ? Object.values(error.types).flatMap((v) => (Array.isArray(v) ? v : [v])) : [];
  const all = [...types, error.message].filter((m): m is string => typeof m === "string" && m.length > 0);
  return [...new Set(all)];
}

/** Copies the server action's field errors into react-hook-form. */
export function applyServerErrors<T extends FieldValues>(errors: FieldErrors | undefined, setError: UseFormSetError<T>) {
  if (!errors) return;
  for (const [field, messages] of Object.entries(errors)) {
    if (!messages || messages.length === 0 || field === "_form") continue;
    setError(field as Path<T>, { type: "server", message: messages.join(" ") });
  }
}
