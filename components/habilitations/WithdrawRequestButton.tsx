"use client";
import { useState, useTransition } from "react";
import { withdrawRequestAction } from "@/lib/habilitations/actions";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";

export function WithdrawRequestButton({ accountId, requestId, apis }: { accountId: string; requestId: string; apis: string[] }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = () =>
    startTransition(async () => {
      const result = await withdrawRequestAction(accountId, requestId);
      setOpen(false);
      if (!result.ok) setError(result.message);
    });
  return (
    <>
      {error && <Alert tone="error">{error}</Alert>}
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Retirer la demande
      </Button>
      <ConfirmDialog
        open={open}
        title="Retirer la demande d'habilitation ?"
        confirmLabel="Retirer la demande"
        cancelLabel="Garder la demande"
        pending={pending}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <p>La douane n&apos;examinera plus : {apis.join(", ")}. Vous pourrez les demander de nouveau plus tard.</p>
      </ConfirmDialog>
    </>
  );
}
