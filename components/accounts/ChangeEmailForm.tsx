"use client";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { changeEmailSchema, type ChangeEmailInput } from "@/lib/accounts/schema";
import { changeEmailAction } from "@/lib/accounts/actions";
import { Alert } from "@/components/ui/Alert";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { Button, buttonClass } from "@/components/ui/Button";
import { applyServerErrors, messagesOf } from "./form-errors";

export function ChangeEmailForm({ accountId, currentEmail }: { accountId: string; currentEmail: string }) {
  const [open, setOpen] = useState(false);
  const [feedback, setFeedback] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, reset, formState: { errors } } = useForm<ChangeEmailInput>({
    resolver: zodResolver(changeEmailSchema),
    defaultValues: { email: currentEmail },
  });

  const onSubmit = handleSubmit((values) => {
    setFeedback(null);
    startTransition(async () => {
      const result = await changeEmailAction(accountId, values);
      if (result.ok) {
        setFeedback({ tone: "success", text: result.message ?? "Email modifié." });
        setOpen(false);
        reset({ email: result.data.email });
      } else {
        setFeedback({ tone: "error", text: result.message });
        applyServerErrors(result.errors, setError);
      }
    });
  });

  const emailErrors = messagesOf(errors.email);
  return (
    <div className="space-y-3">
      {feedback && <Alert tone={feedback.tone}>{feedback.text}</Alert>}
      {!open ? (
        <Button variant="secondary" onClick={() => { setOpen(true); setFeedback(null); }}>
          Changer l&apos;email
        </Button>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4 border border-line p-4" aria-label="Changer l'email">
          <Field id="new-email" label="Nouvel email du compte" required errors={emailErrors} hint="Les notifications iront à l'ancienne et à la nouvelle adresse.">
            <input id="new-email" type="email" autoFocus className={inputClass} {...register("email")} {...describedBy("new-email", { hint: true, errors: emailErrors })} />
          </Field>
          <div className="flex gap-3">
            <button type="submit" disabled={pending} className={buttonClass("primary")}>
              {pending ? "Enregistrement…" : "Enregistrer l'email"}
            </button>
            <Button variant="ghost" onClick={() => { setOpen(false); reset({ email: currentEmail }); }}>
              Annuler
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
