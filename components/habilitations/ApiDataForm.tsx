"use client";
import { useTransition } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { apiDataSchema, type ApiDataInput } from "@/lib/habilitations/fields";
import { saveApiDataAction } from "@/lib/habilitations/actions";
import type { ApiView } from "@/lib/habilitations/data";
import { formatDelay } from "@/lib/countdown";
import { Alert } from "@/components/ui/Alert";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { PasswordInput } from "@/components/ui/PasswordInput";
import { Button, buttonClass } from "@/components/ui/Button";
import { applyServerErrors, messagesOf } from "@/components/accounts/form-errors";

type Feedback = { tone: "success" | "error" | "warning"; text: string };

function presentOf(item: ApiView): Record<string, boolean> {
  const present: Record<string, boolean> = {};
  for (const f of item.fields) {
    present[f.key] = f.kind === "URL" ? Boolean(f.url?.active || f.url?.pending) : f.kind === "SECRET" ? Boolean(f.secretStored) : Boolean(f.text);
  }
  return present;
}

function defaultsOf(item: ApiView): ApiDataInput {
  const values: ApiDataInput = {};
  for (const f of item.fields) {
    values[f.key] = f.kind === "URL" ? (f.url?.pending?.value ?? f.url?.active ?? "") : f.kind === "SECRET" ? "" : (f.text ?? "");
  }
  return values;
}

/** Edit mode of one habilitated API: every catalogue field, "Annuler" and "Enregistrer". */
export function ApiDataForm({ accountId, item, demoReceiverUrl = null, onDone }: {
  accountId: string;
  item: ApiView;
  /** The demo receiver's url for this account and API (demo mode only). */
  demoReceiverUrl?: string | null;
  onDone: (feedback: Feedback | null) => void;
}) {
  const [pending, startTransition] = useTransition();
  const present = presentOf(item);
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    formState: { errors, isSubmitted },
  } = useForm<ApiDataInput>({ resolver: zodResolver(apiDataSchema(item.fields, present)), defaultValues: defaultsOf(item) });
  const formError = (key: string) => messagesOf(errors[key]);
  const hasErrors = item.fields.some((f) => formError(f.key).length > 0);
  const idFor = (key: string) => `${item.api.code}-${key}`;
  const pendingUrl = item.fields.find((f) => f.kind === "URL" && f.url?.pending);

  const onSubmit = handleSubmit((values) => {
    startTransition(async () => {
      const result = await saveApiDataAction(accountId, item.api.code, values);
      if (result.ok) onDone({ tone: "success", text: result.message ?? "Données enregistrées." });
      else {
        applyServerErrors(result.errors, setError);
        if (!result.errors) onDone({ tone: "error", text: result.message });
      }
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="mt-4 space-y-5" aria-label={`Données ${item.api.name}`}>
      {isSubmitted && hasErrors && <Alert tone="error" title="Les données n'ont pas été enregistrées">Corrigez les champs signalés.</Alert>}
      {pendingUrl && (
        <Alert tone="warning" title="Un changement d'url est déjà programmé">
          Enregistrer une autre adresse remplace ce changement et relance le délai de {formatDelay(item.api.urlDelaySeconds)}. Remettre
          l&apos;adresse active l&apos;annule.
        </Alert>
      )}
      {item.fields.map((f) => {
        const id = idFor(f.key);
        const errs = formError(f.key);
        if (f.kind === "URL") {
          return (
            <Field
              key={f.key}
              id={id}
              label={f.label}
              required={f.required}
              errors={errs}
              hint={
                <>
                  {f.help && <span className="block">{f.help}</span>}
                  <span className="block">
                    https obligatoire (http seulement pour une adresse locale de démonstration), sans identifiant ni mot de passe, 2 048
                    caractères au plus. Le domaine doit d&apos;abord être ouvert sur le réseau de la douane : faites-en la demande au
                    contact douanier de l&apos;API, <a className="underline" href={`mailto:${item.api.contactEmail}`}>{item.api.contactEmail}</a>.
                  </span>
                  <span className="block">
                    Un changement n&apos;est pas immédiat : il prend effet au plus tard {formatDelay(item.api.urlDelaySeconds)} après
                    l&apos;enregistrement ; planifiez-le avec ce contact.
                  </span>
                  {demoReceiverUrl && f.key === "url" && (
                    <span className="mt-1 block" data-testid={`${item.api.code}-demo-receiver-hint`}>
                      Pour une démo sur cette machine, utilisez <code className="break-all">{demoReceiverUrl}</code> : le récepteur de
                      démonstration de la console reçoit alors les appels retours de test et vérifie le token.{" "}
                      <button
                        type="button"
                        className="text-marianne underline"
                        onClick={() => setValue(f.key, demoReceiverUrl, { shouldDirty: true, shouldValidate: isSubmitted })}
                      >
                        Utiliser cette adresse
                      </button>
                    </span>
                  )}
                </>
              }
            >
              <input
                id={id}
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                maxLength={2100}
                placeholder="https://api.votre-entreprise.fr/douane"
                className={inputClass}
                {...register(f.key)}
                {...describedBy(id, { hint: true, errors: errs })}
              />
            </Field>
          );
        }
        if (f.kind === "SECRET") {
          return (
            <Field
              key={f.key}
              id={id}
              label={f.label}
              required={f.required && !f.secretStored}
              errors={errs}
              hint={
                <>
                  {f.help && <span className="block">{f.help}</span>}
                  {f.secretStored && <span className="block">Un {f.label} est enregistré : laissez vide pour le conserver.</span>}
                </>
              }
            >
              <PasswordInput id={id} autoComplete="off" {...register(f.key)} {...describedBy(id, { hint: true, errors: errs })} />
            </Field>
          );
        }
        return (
          <Field key={f.key} id={id} label={f.label} required={f.required} errors={errs} hint={f.help ?? undefined}>
            <input
              id={id}
              type={f.kind === "EMAIL" ? "email" : "text"}
              autoComplete="off"
              className={inputClass}
              {...register(f.key)}
              {...describedBy(id, { hint: Boolean(f.help), errors: errs })}
            />
          </Field>
        );
      })}
      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>
          {pending ? "Enregistrement…" : "Enregistrer"}
        </button>
        <Button variant="ghost" onClick={() => onDone(null)} disabled={pending}>
          Annuler
        </Button>
      </div>
    </form>
  );
}
