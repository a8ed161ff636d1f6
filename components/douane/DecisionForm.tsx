"use client";
import { useState, useTransition } from "react";
import { useFieldArray, useForm, useWatch, type FieldError } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { decisionsSchema, MESSAGE_MAX_LENGTH, type DecisionsInput } from "@/lib/habilitations/schema";
import { decideRequestAction } from "@/lib/habilitations/actions";
import { Alert } from "@/components/ui/Alert";
import { buttonClass } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { inputClass } from "@/components/ui/Field";
import { applyServerErrors, messagesOf } from "@/components/accounts/form-errors";

type Item = { id: string; apiName: string; apiDescription: string };

const CHOICES = [
  ["APPROVED", "Accorder"],
  ["REFUSED", "Refuser"],
  ["LATER", "Décider plus tard"],
] as const;

type Feedback = { tone: "success" | "error"; text: string };

/** The decision area of a request page: keeps the last answer on screen while the form follows the pending APIs. */
export function DecisionPanel({ requestId, identifiant, items, canDecide }: { requestId: string; identifiant: string; items: Item[]; canDecide: boolean }) {
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  return (
    <div className="space-y-4">
      {feedback && <Alert tone={feedback.tone}>{feedback.text}</Alert>}
      {items.length > 0 && canDecide ? (
        <DecisionForm key={items.map((i) => i.id).join(",")} requestId={requestId} identifiant={identifiant} items={items} onFeedback={setFeedback} />
      ) : (
        <p className="text-muted">Toutes les API de cette demande ont reçu une réponse ou ont été retirées.</p>
      )}
    </div>
  );
}

/** Customs' decision on each pending API of a request: approve, or refuse with a reason. */
function DecisionForm({ requestId, identifiant, items, onFeedback }: { requestId: string; identifiant: string; items: Item[]; onFeedback: (f: Feedback | null) => void }) {
  const [confirming, setConfirming] = useState<DecisionsInput | null>(null);
  const setFeedback = onFeedback;
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, control, setError, formState: { errors } } = useForm<DecisionsInput>({
    resolver: zodResolver(decisionsSchema),
    defaultValues: { items: items.map((i) => ({ itemId: i.id, decision: "LATER", reason: "" })) },
  });
  const { fields } = useFieldArray({ control, name: "items" });
  const watched = useWatch({ control, name: "items" });
  const nameOf = (itemId: string) => items.find((i) => i.id === itemId)?.apiName ?? itemId;

  const apply = () => {
    if (!confirming) return;
    const values = confirming;
    startTransition(async () => {
      const result = await decideRequestAction(requestId, values);
      setConfirming(null);
      if (result.ok) setFeedback({ tone: "success", text: result.message ?? "Décision enregistrée." });
      else {
        setFeedback({ tone: "error", text: result.message });
        applyServerErrors(result.errors, setError);
      }
    });
  };

  const rootError = messagesOf((errors.items as { root?: FieldError } | undefined)?.root ?? (errors.items as FieldError | undefined));

  return (
    <div className="space-y-4">
      <form onSubmit={handleSubmit((values) => { setFeedback(null); setConfirming(values); })} noValidate className="space-y-4" aria-label="Décision de la douane">
        {rootError.length > 0 && <Alert tone="error">{rootError.join(" ")}</Alert>}
        {fields.map((field, index) => {
          const item = items[index]!;
          const decision = watched?.[index]?.decision;
          const reasonId = `reason-${item.id}`;
          const reasonErrors = messagesOf(errors.items?.[index]?.reason);
          return (
            <fieldset key={field.id} className="border border-line p-4" data-testid={`decision-${item.apiName}`}>
              <legend className="px-1 text-lg font-bold">{item.apiName}</legend>
              <p className="text-sm text-muted">{item.apiDescription}</p>
              <input type="hidden" {...register(`items.${index}.itemId`)} />
              <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2" role="radiogroup" aria-label={`Décision pour ${item.apiName}`}>
                {CHOICES.map(([value, label]) => (
                  <label key={value} className="flex items-center gap-2">
                    <input type="radio" value={value} className="h-4 w-4" {...register(`items.${index}.decision`)} />
                    {label}
                  </label>
                ))}
              </div>
              {decision === "REFUSED" && (
                <div className={`mt-3 border-l-2 pl-3 ${reasonErrors.length ? "border-rouge" : "border-transparent"}`}>
                  <label htmlFor={reasonId} className="font-medium">
                    Motif du refus {item.apiName} <span aria-hidden="true" className="text-rouge">*</span>
                  </label>
                  <p id={`${reasonId}-hint`} className="text-sm text-muted">
                    Il est communiqué au correspondant entreprise.
                  </p>
                  <textarea
                    id={reasonId}
                    rows={3}
                    maxLength={MESSAGE_MAX_LENGTH}
                    className={`${inputClass} mt-1`}
                    aria-invalid={reasonErrors.length ? true : undefined}
                    aria-describedby={`${reasonId}-hint${reasonErrors.length ? ` ${reasonId}-error` : ""}`}
                    {...register(`items.${index}.reason`)}
                  />
                  {reasonErrors.length > 0 && (
                    <p id={`${reasonId}-error`} className="mt-1 text-sm text-rouge">
                      {reasonErrors.join(" ")}
                    </p>
                  )}
                </div>
              )}
            </fieldset>
          );
        })}
        <button type="submit" className={buttonClass("primary")}>
          Enregistrer les décisions
        </button>
      </form>
      <ConfirmDialog
        open={confirming !== null}
        title="Confirmer la décision ?"
        confirmLabel="Confirmer et notifier"
        tone="primary"
        pending={pending}
        onConfirm={apply}
        onCancel={() => setConfirming(null)}
      >
        <p>Pour le compte « {identifiant} » :</p>
        <ul className="list-disc pl-6">
          {confirming?.items
            .filter((i) => i.decision !== "LATER")
            .map((i) => (
              <li key={i.itemId}>
                {nameOf(i.itemId)} : {i.decision === "APPROVED" ? "accorder" : `refuser (motif : ${i.reason})`}
              </li>
            ))}
        </ul>
        <p>La décision est définitive pour ces API et notifiée au compte et aux correspondants de son SIRET.</p>
      </ConfirmDialog>
    </div>
  );
}
