"use client";
import { useEffect, useState } from "react";

/** Copies `value` to the clipboard; says « Copié » (announced) for a moment. `label`: what is copied, for the accessible name. */
export function CopyButton({ value, label, className = "" }: { value: string; label: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2_000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed"); // no clipboard (insecure context, refused permission): the value stays selectable
    }
  };
  return (
    <span className={`inline-flex items-center gap-1 ${className}`}>
      <button
        type="button"
        onClick={copy}
        aria-label={`Copier ${label}`}
        title={`Copier ${label}`}
        className="rounded border border-line px-1.5 py-0.5 text-xs font-semibold text-marianne hover:bg-surface"
        data-testid="copy-button"
      >
        {state === "copied" ? "Copié ✓" : "Copier"}
      </button>
      <span role="status" className="sr-only">
        {state === "copied" ? `${label} copié dans le presse-papiers` : state === "failed" ? "Copie impossible : sélectionnez le texte" : ""}
      </span>
    </span>
  );
}
