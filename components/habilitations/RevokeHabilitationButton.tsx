"use client";
import { useState, useTransition } from "react";
import { revokeHabilitationAction } from "@/lib/habilitations/actions";
import { revokeSchema } from "@/lib/habilitations/schema";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { inputClass } from "@/components/ui/Field";

/** Customs only: revoke a habilitation, with a reason the correspondent will read. */
export function RevokeHabilitationButton({ habilitationId, apiName, identifiant }: { habilitationId: string; apiName: string; identifiant: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const fieldId = `revoke-${habilitationId}`;

  const confirm = () => {
    const parsed = revokeSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Indiquez le motif.");
      return;
    }
    startTransition(async () => {
      const result = await revokeHabilitationAction(habilitationId, parsed.data);
      // On success the page re-renders without this habilitation (listed under "révoquées").
      if (result.ok) setOpen(false);
      else setError(result.message);
    });
  };

  return (
    <>
      <Button variant="danger" onClick={() => { setOpen(true); setError(null); }}>
        Révoquer<span className="sr-only"> l&apos;habilitation {apiName}</span>
      </Button>
      <ConfirmDialog
        open={open}
        title={`Révoquer l'habilitation ${apiName} ?`}
        confirmLabel="Révoquer l'habilitation"
        pending={pending}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
        initialFocusInside
      >
        <p>
          Le compte « {identifiant} » ne pourra plus appeler l&apos;API {apiName}. Le motif est communiqué aux correspondants de son SIRET.
        </p>
        <div className={`border-l-2 pl-3 ${error ? "border-rouge" : "border-transparent"}`}>
          <label htmlFor={fieldId} className="font-medium">
            Motif de la révocation <span aria-hidden="true" className="text-rouge">*</span>
          </label>
          <textarea
            id={fieldId}
            autoFocus
            rows={3}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${fieldId}-error` : undefined}
            className={`${inputClass} mt-1`}
          />
          {error && (
            <p id={`${fieldId}-error`} className="mt-1 text-sm text-rouge">
              {error}
            </p>
          )}
        </div>
      </ConfirmDialog>
    </>
  );
}
