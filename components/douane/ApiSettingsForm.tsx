"use client";
import { useState, useTransition } from "react";
import { useForm, type FieldError } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { apiSettingsSchema, DELAY_MAX_MINUTES, type ApiSettingsInput } from "@/lib/habilitations/schema";
import { updateApiSettingsAction } from "@/lib/habilitations/actions";
import { Alert } from "@/components/ui/Alert";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { buttonClass } from "@/components/ui/Button";
import { applyServerErrors, messagesOf } from "@/components/accounts/form-errors";

/** Name, description, customs contact and url activation delay of a catalogue API. */
export function ApiSettingsForm({ code, defaults }: { code: string; defaults: { name: string; description: string; contactEmail: string; urlDelayMinutes: number } }) {
  const [feedback, setFeedback] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, formState: { errors } } = useForm<ApiSettingsInput>({
    resolver: zodResolver(apiSettingsSchema),
    defaultValues: defaults,
  });
  const e = {
    name: messagesOf(errors.name),
    description: messagesOf(errors.description),
    contactEmail: messagesOf(errors.contactEmail),
    urlDelayMinutes: messagesOf(errors.urlDelayMinutes as FieldError | undefined),
  };
  const onSubmit = handleSubmit((values) => {
    setFeedback(null);
    startTransition(async () => {
      const result = await updateApiSettingsAction(code, values);
      if (result.ok) setFeedback({ tone: "success", text: result.message ?? "Enregistré." });
      else {
        setFeedback({ tone: "error", text: result.message });
        applyServerErrors(result.errors, setError);
      }
    });
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-5" aria-label="Paramètres de l'API">
      {feedback && <Alert tone={feedback.tone}>{feedback.text}</Alert>}
      <Field id="api-name" label="Nom" required errors={e.name}>
        <input id="api-name" className={inputClass} {...register("name")} {...describedBy("api-name", { errors: e.name })} />
      </Field>
      <Field id="api-description" label="Description courte" required errors={e.description}>
        <textarea id="api-description" rows={2} className={inputClass} {...register("description")} {...describedBy("api-description", { errors: e.description })} />
      </Field>
      <Field id="api-contact" label="Email du contact douanier" required errors={e.contactEmail} hint="Affiché aux opérateurs à côté de l'url : ouverture des domaines sur le réseau de la douane, planification des changements.">
        <input id="api-contact" type="email" className={inputClass} {...register("contactEmail")} {...describedBy("api-contact", { hint: true, errors: e.contactEmail })} />
      </Field>
      <Field
        id="api-delay"
        label="Délai d'activation d'une nouvelle url (minutes)"
        required
        errors={e.urlDelayMinutes}
        hint={`De 1 à ${DELAY_MAX_MINUTES} minutes (240 = 4 h, 15 = 15 min). S'applique aux changements enregistrés ensuite ; un changement déjà programmé garde son heure.`}
      >
        <input id="api-delay" type="number" min={1} max={DELAY_MAX_MINUTES} step={1} inputMode="numeric" className={`${inputClass} max-w-48`} {...register("urlDelayMinutes")} {...describedBy("api-delay", { hint: true, errors: e.urlDelayMinutes })} />
      </Field>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Enregistrement…" : "Enregistrer l'API"}
      </button>
    </form>
  );
}
