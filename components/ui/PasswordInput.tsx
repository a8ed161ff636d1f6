"use client";
import { forwardRef, useState } from "react";
import { inputClass } from "./Field";

/** A password input with a show/hide toggle (keyboard-accessible, announced state). */
export const PasswordInput = forwardRef<HTMLInputElement, React.InputHTMLAttributes<HTMLInputElement>>(function PasswordInput(
  { className = "", ...props },
  ref,
) {
  const [visible, setVisible] = useState(false);
  return (
    <div className="flex max-w-xl items-stretch gap-2">
      <input ref={ref} {...props} type={visible ? "text" : "password"} className={`${inputClass} ${className}`} spellCheck={false} autoCapitalize="off" />
      <button
        type="button"
        onClick={() => setVisible((v) => !v)}
        aria-pressed={visible}
        aria-controls={props.id}
        className="shrink-0 rounded border border-marianne px-3 text-sm font-medium text-marianne hover:bg-marianne-light"
      >
        {visible ? "Masquer" : "Afficher"}
      </button>
    </div>
  );
});
