/** A labelled form control with its hint and its French error messages, wired for screen readers. */
export function Field({
  id,
  label,
  hint,
  errors,
  required,
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  errors?: readonly string[];
  required?: boolean;
  children: React.ReactNode;
}) {
  const hasError = Boolean(errors && errors.length > 0);
  return (
    <div className={`border-l-2 pl-3 ${hasError ? "border-rouge" : "border-transparent"}`}>
      <div className="font-medium">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span aria-hidden="true" className="text-rouge">
            {" "}*
          </span>
        )}
      </div>
      {hint && (
        <div id={`${id}-hint`} className="mt-1 text-sm text-muted">
          {hint}
        </div>
      )}
      <div className="mt-1">{children}</div>
      {hasError && (
        <ul id={`${id}-error`} className="mt-1 space-y-0.5 text-sm text-rouge" aria-live="polite">
          {errors!.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** aria-describedby / aria-invalid for a control inside <Field>. */
export function describedBy(id: string, { hint, errors }: { hint?: boolean; errors?: readonly string[] }) {
  const ids = [hint ? `${id}-hint` : null, errors && errors.length > 0 ? `${id}-error` : null].filter(Boolean);
  return {
    "aria-describedby": ids.length > 0 ? ids.join(" ") : undefined,
    "aria-invalid": errors && errors.length > 0 ? true : undefined,
  } as const;
}

export const inputClass =
  "block w-full max-w-xl rounded-t border-0 border-b-2 border-ink bg-surface px-3 py-2 text-base aria-[invalid=true]:border-rouge disabled:opacity-60";
