"use client";
import { useId, useState, useTransition } from "react";
import { deleteAccountAction } from "@/lib/accounts/actions";
import { confirmsDeletion } from "@/lib/accounts/schema";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { Field, describedBy, inputClass } from "@/components/ui/Field";

/**
 * « Supprimer le compte API » (correspondents of its SIRET): the dialog says what ends, and the
 * button stays disabled until the identifiant is typed back exactly (the server checks it again).
 */
export function DeleteAccountSection({ accountId, identifiant, habilitations }: { accountId: string; identifiant: string; habilitations: string[] }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const inputId = useId();
  const matches = confirmsDeletion(typed, identifiant);

  const close = () => {
    setOpen(false);
    setTyped("");
    setError(null);
  };
  const confirm = () => {
    if (!matches) {
      setError("Saisissez exactement l'identifiant du compte pour confirmer.");
      return;
    }
    startTransition(async () => {
      // Redirects to the list on success; an answer here is a refusal.
      const result = await deleteAccountAction(accountId, { confirmation: typed });
      if (result && !result.ok) setError(result.message);
    });
  };

  return (
    <section aria-labelledby="suppression" className="mt-8 border border-rouge/40 p-5">
      <h2 id="suppression" className="text-xl font-bold">
        Supprimer le compte API
      </h2>
      <p className="mt-2 max-w-3xl text-sm">
        La suppression est définitive : les jetons du compte sont révoqués immédiatement, ses habilitations prennent fin et le SIRET
        pourra recevoir un nouveau compte. L&apos;historique et les messages sont conservés.
      </p>
      <Button variant="danger" className="mt-4" onClick={() => setOpen(true)}>
        Supprimer le compte API…
      </Button>
      <ConfirmDialog
        open={open}
        title={`Supprimer le compte API « ${identifiant} » ?`}
        confirmLabel="Supprimer définitivement"
        pending={pending}
        confirmDisabled={!matches}
        onConfirm={confirm}
        onCancel={close}
        initialFocusInside
      >
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li>Les logiciels qui utilisent ce compte ne pourront plus obtenir de jeton ; les jetons en cours sont refusés dès maintenant.</li>
          <li>
            {habilitations.length > 0 ? `Habilitations qui prennent fin : ${habilitations.join(", ")}.` : "Le compte n'a aucune habilitation en cours."}
          </li>
          <li>Les demandes d&apos;habilitation en attente sont retirées.</li>
        </ul>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            confirm();
          }}
        >
          <Field
            id={inputId}
            label={
              <>
                Pour confirmer, saisissez l&apos;identifiant <span className="font-mono">{identifiant}</span>
              </>
            }
            errors={error ? [error] : undefined}
          >
            <input
              id={inputId}
              type="text"
              autoFocus
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              value={typed}
              onChange={(event) => {
                setTyped(event.target.value);
                setError(null);
              }}
              className={inputClass}
              data-testid="delete-confirmation"
              {...describedBy(inputId, { errors: error ? [error] : undefined })}
            />
          </Field>
        </form>
      </ConfirmDialog>
    </section>
  );
}
