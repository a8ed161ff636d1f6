"use client";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { changePasswordSchema, type ChangePasswordInput } from "@/lib/accounts/schema";
import { changePasswordAction } from "@/lib/accounts/actions";
import { Alert } from "@/components/ui/Alert";
import { Field, describedBy } from "@/components/ui/Field";
import { PasswordInput } from "@/components/ui/PasswordInput";
import { PasswordChecklist } from "@/components/ui/PasswordChecklist";
import { Button, buttonClass } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { applyServerErrors, messagesOf } from "./form-errors";

const EMPTY: ChangePasswordInput = { password: "", passwordConfirmation: "", confirmSynchronized: false };

/** SPEC: a password change is immediate and breaks every system still using the old one — warn, then confirm. */
export function ChangePasswordForm({ accountId, identifiant }: { accountId: string; identifiant: string }) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState<ChangePasswordInput | null>(null);
  const [feedback, setFeedback] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, reset, control, formState: { errors } } = useForm<ChangePasswordInput>({
    resolver: zodResolver(changePasswordSchema),
    criteriaMode: "all",
    defaultValues: EMPTY,
  });
  const password = useWatch({ control, name: "password" }) ?? "";

  const apply = () => {
    if (!confirming) return;
    const values = confirming;
    startTransition(async () => {
      const result = await changePasswordAction(accountId, values);
      setConfirming(null);
      if (result.ok) {
        setFeedback({ tone: "success", text: result.message ?? "Mot de passe changé." });
        setOpen(false);
        reset(EMPTY);
      } else {
        setFeedback({ tone: "error", text: result.message });
        applyServerErrors(result.errors, setError);
      }
    });
  };

  const e = {
    password: messagesOf(errors.password),
    passwordConfirmation: messagesOf(errors.passwordConfirmation),
    confirmSynchronized: messagesOf(errors.confirmSynchronized),
  };

  return (
    <div className="space-y-3">
      {feedback && <Alert tone={feedback.tone}>{feedback.text}</Alert>}
      {!open ? (
        <Button variant="secondary" onClick={() => { setOpen(true); setFeedback(null); }}>
          Changer le mot de passe
        </Button>
      ) : (
        <form
          onSubmit={handleSubmit((values) => setConfirming(values))}
          noValidate
          className="space-y-4 border border-line p-4"
          aria-label="Changer le mot de passe"
        >
          <Alert tone="warning" title="Le changement de mot de passe est immédiat">
            Dès l&apos;enregistrement, l&apos;ancien mot de passe ne permet plus d&apos;obtenir de jeton et les jetons en cours
            sont révoqués. Tous les systèmes qui utilisent le compte « {identifiant} » doivent passer au nouveau mot de passe
            au même moment, sinon leurs appels aux API de la douane échoueront.
          </Alert>
          <Field id="new-password" label="Nouveau mot de passe" required errors={e.password}>
            <PasswordInput id="new-password" autoComplete="new-password" autoFocus {...register("password")} {...describedBy("new-password", { errors: e.password })} />
            <PasswordChecklist value={password} id="new-password-rules" />
          </Field>
          <Field id="new-password-confirmation" label="Contrôle du mot de passe" required errors={e.passwordConfirmation}>
            <PasswordInput
              id="new-password-confirmation"
              autoComplete="new-password"
              {...register("passwordConfirmation")}
              {...describedBy("new-password-confirmation", { errors: e.passwordConfirmation })}
            />
          </Field>
          <div className={`border-l-2 pl-3 ${e.confirmSynchronized.length ? "border-rouge" : "border-transparent"}`}>
            <label className="flex items-start gap-2">
              <input type="checkbox" className="mt-1 h-4 w-4" {...register("confirmSynchronized")} {...describedBy("confirm-sync", { errors: e.confirmSynchronized })} />
              <span>Je confirme que tous les systèmes utilisant ce compte seront mis à jour avec le nouveau mot de passe en même temps.</span>
            </label>
            {e.confirmSynchronized.length > 0 && (
              <p id="confirm-sync-error" className="mt-1 text-sm text-rouge">
                {e.confirmSynchronized[0]}
              </p>
            )}
          </div>
          <div className="flex gap-3">
            <button type="submit" className={buttonClass("danger")}>
              Changer le mot de passe
            </button>
            <Button variant="ghost" onClick={() => { setOpen(false); reset(EMPTY); }}>
              Annuler
            </Button>
          </div>
        </form>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title="Confirmer le changement de mot de passe ?"
        confirmLabel="Confirmer le changement"
        pending={pending}
        onConfirm={apply}
        onCancel={() => setConfirming(null)}
      >
        <p>
          Le nouveau mot de passe du compte « {identifiant} » sera effectif <strong>immédiatement</strong>. Les systèmes qui
          utilisent encore l&apos;ancien ne pourront plus obtenir de jeton.
        </p>
        <p>Confirmez-vous que tous ces systèmes sont prêts à basculer maintenant ?</p>
      </ConfirmDialog>
    </div>
  );
}
