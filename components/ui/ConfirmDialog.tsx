"use client";
import { useEffect, useId, useRef } from "react";
import { Button } from "./Button";

/** A modal confirmation (native <dialog>: focus trapped, Escape cancels). */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Annuler",
  tone = "danger",
  pending = false,
  confirmDisabled = false,
  onConfirm,
  onCancel,
  initialFocusInside = false,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  pending?: boolean;
  /** The confirmation is not possible yet (e.g. an identifiant to type back). */
  confirmDisabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** True when the body holds a field that takes the focus itself (e.g. a reason to type). */
  initialFocusInside?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] border-t-4 border-t-marianne p-6 backdrop:bg-black/50"
    >
      <h2 id={titleId} className="text-xl font-bold">
        {title}
      </h2>
      <div className="mt-3 space-y-2">{children}</div>
      <div className="mt-6 flex flex-wrap justify-end gap-3">
        <Button variant="secondary" onClick={onCancel} autoFocus={!initialFocusInside}>
          {cancelLabel}
        </Button>
        <Button variant={tone} onClick={onConfirm} disabled={pending || confirmDisabled}>
          {pending ? "Veuillez patienter…" : confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
