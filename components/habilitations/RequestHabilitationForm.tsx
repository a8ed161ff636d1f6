"use client";
import { useState, useTransition } from "react";
import { useForm, type FieldError } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { habilitationRequestSchema, MESSAGE_MAX_LENGTH, type HabilitationRequestInput } from "@/lib/habilitations/schema";
import { submitRequestAction } from "@/lib/habilitations/actions";
import { Alert } from "@/components/ui/Alert";
import { Button, buttonClass } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { applyServerErrors, messagesOf } from "@/components/accounts/form-errors";

type Api = { code: string; name: string; description: string };

/** "Demander une habilitation": one or more APIs not yet granted nor pending, optional message. */
export function RequestHabilitationForm({
  accountId,
  identifiant,
  siret,
  requestable,
  unavailable,
}: {
  accountId: string;
  identifiant: string;
  siret: string;
  requestable: Api[];
  unavailable: { name: string; why: string }[];
}) {
  const [open, setOpen] = useState(false);
  const [feedback, setFeedback] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<HabilitationRequestInput>({ resolver: zodResolver(habilitationRequestSchema), defaultValues: { apiCodes: [], message: "" } });

  const onSubmit = handleSubmit((values) => {
    setFeedback(null);
    startTransition(async () => {
      const result = await submitRequestAction(accountId, values);
      if (result.ok) {
        setFeedback({ tone: "success", text: result.message ?? "Demande envoyée." });
        setOpen(false);
        reset({ apiCodes: [], message: "" });
      } else {
        setFeedback({ tone: "error", text: result.message });
        applyServerErrors(result.errors, setError);
      }
    });
  });

  const apiErrors = messagesOf(errors.apiCodes as FieldError | undefined);
  const messageErrors = messagesOf(errors.message);

  return (
    <div className="space-y-3">
      {feedback && <Alert tone={feedback.tone}>{feedback.text}</Alert>}
      {requestable.length === 0 ? (
        <p className="text-muted">Toutes les API du catalogue sont déjà habilitées ou demandées pour ce compte.</p>
      ) : !open ? (
        <Button onClick={() => { setOpen(true); setFeedback(null); }}>Demander une habilitation</Button>
      ) : (
        <form onSubmit={onSubmit} noValidate className="space-y-4 border border-line p-4" aria-label="Demander une habilitation">
          <p className="text-sm text-muted">
            La demande porte sur le SIRET {siret} et le compte API « {identifiant} ». Le service de certification de la douane accorde ou
            refuse chaque API ; vous serez prévenu de sa décision.
          </p>
          <fieldset
            className={`border-l-2 pl-3 ${apiErrors.length ? "border-rouge" : "border-transparent"}`}
            aria-describedby={apiErrors.length ? "request-apis-error" : undefined}
          >
            <legend className="font-medium">
              API demandées <span aria-hidden="true" className="text-rouge">*</span>
            </legend>
            <ul className="mt-2 space-y-2">
              {requestable.map((api) => (
                <li key={api.code}>
                  <label className="flex items-start gap-2">
                    <input type="checkbox" value={api.code} className="mt-1 h-4 w-4" {...register("apiCodes")} />
                    <span>
                      <span className="font-semibold">{api.name}</span>
                      <span className="block text-sm text-muted">{api.description}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {unavailable.length > 0 && (
              <p className="mt-2 text-sm text-muted">
                Non proposées : {unavailable.map((u) => `${u.name} (${u.why})`).join(", ")}.
              </p>
            )}
            {apiErrors.length > 0 && (
              <p id="request-apis-error" className="mt-1 text-sm text-rouge">
                {apiErrors.join(" ")}
              </p>
            )}
          </fieldset>
          <div className={`border-l-2 pl-3 ${messageErrors.length ? "border-rouge" : "border-transparent"}`}>
            <label htmlFor="request-message" className="font-medium">
              Message pour la douane (facultatif)
            </label>
            <textarea
              id="request-message"
              rows={3}
              maxLength={MESSAGE_MAX_LENGTH}
              className={`${inputClass} mt-1`}
              aria-invalid={messageErrors.length ? true : undefined}
              aria-describedby={messageErrors.length ? "request-message-error" : undefined}
              {...register("message")}
            />
            {messageErrors.length > 0 && (
              <p id="request-message-error" className="mt-1 text-sm text-rouge">
                {messageErrors.join(" ")}
              </p>
            )}
          </div>
          <div className="flex gap-3">
            <button type="submit" disabled={pending} className={buttonClass("primary")}>
              {pending ? "Envoi…" : "Envoyer la demande"}
            </button>
            <Button variant="ghost" onClick={() => { setOpen(false); reset({ apiCodes: [], message: "" }); }}>
              Annuler
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
