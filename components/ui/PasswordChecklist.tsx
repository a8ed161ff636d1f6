"use client";
import { checkPassword } from "@/lib/accounts/password-rules";

/** Live checklist of the password rule, announced politely to screen readers. */
export function PasswordChecklist({ value, id }: { value: string; id: string }) {
  const checks = checkPassword(value);
  return (
    <ul id={id} className="mt-2 grid gap-1 text-sm sm:grid-cols-2" aria-label="Règles du mot de passe">
      {checks.map((c) => (
        <li key={c.id} className={c.ok ? "text-vert" : "text-muted"} data-rule={c.id} data-ok={c.ok}>
          <span aria-hidden="true">{c.ok ? "✔" : "○"}</span> {c.label}
          <span className="sr-only">{c.ok ? " : respectée" : " : non respectée"}</span>
        </li>
      ))}
    </ul>
  );
}
