"use client";
/**
 * The tester's form and its report. The password lives only in the input until it is sent to the
 * server action; it is cleared after every run and never part of any state or returned data.
 */
import { useEffect, useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { tokenTestSchema, type TokenTestInput } from "@/lib/token-tester/schema";
import { runTokenTestAction } from "@/lib/token-tester/actions";
import type { TokenTestReport } from "@/lib/token-tester/report";
import type { EnvironmentOption } from "@/lib/token-tester/data";
import { Alert } from "@/components/ui/Alert";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { PasswordInput } from "@/components/ui/PasswordInput";
import { buttonClass } from "@/components/ui/Button";
import { applyServerErrors, messagesOf } from "@/components/accounts/form-errors";
import { TokenTestReportView } from "./TokenTestReportView";

export function TokenTester({
  environments,
  custom,
  loopbackAllowed,
  initialIdentifiant,
}: {
  environments: EnvironmentOption[];
  custom: { label: string; tokenUrl: string };
  loopbackAllowed: boolean;
  initialIdentifiant: string;
}) {
  const [report, setReport] = useState<TokenTestReport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const { register, handleSubmit, setError, setValue, control, formState: { errors } } = useForm<TokenTestInput>({
    resolver: zodResolver(tokenTestSchema),
    defaultValues: { environment: "simulateur", customUrl: custom.tokenUrl, identifiant: initialIdentifiant, password: "", apiUrl: "" },
  });
  const environment = useWatch({ control, name: "environment" });
  // A new report takes the focus (screen readers read it; keyboard users land on it).
  useEffect(() => {
    if (report) document.getElementById("rapport-titre")?.focus();
  }, [report]);
  const selected = environments.find((e) => e.id === environment);

  const onSubmit = handleSubmit((values) => {
    setFailure(null);
    startTransition(async () => {
      let result: Awaited<ReturnType<typeof runTokenTestAction>>;
      try {
        result = await runTokenTestAction(values);
      } catch {
        result = { ok: false, message: "Le test n'a pas pu être envoyé au serveur. Vérifiez votre connexion et réessayez." };
      }
      // The password is never kept: cleared whatever the outcome.
      setValue("password", "");
      if (result.ok) {
        setReport(result.data);
      } else {
        setReport(null);
        setFailure(result.message);
        applyServerErrors(result.errors, setError);
      }
    });
  });

  const e = {
    environment: messagesOf(errors.environment),
    customUrl: messagesOf(errors.customUrl),
    identifiant: messagesOf(errors.identifiant),
    password: messagesOf(errors.password),
    apiUrl: messagesOf(errors.apiUrl),
  };

  return (
    <div className="space-y-8">
      <form onSubmit={onSubmit} noValidate className="space-y-5 border border-line p-5" aria-label="Tester l'obtention d'un jeton" aria-busy={pending}>
        {failure && <Alert tone="error" title="Test impossible">{failure}</Alert>}
        <fieldset aria-describedby={e.environment.length ? "environment-error" : undefined}>
          <legend className="font-medium">
            Environnement<span aria-hidden="true" className="text-rouge"> *</span>
          </legend>
          <div className="mt-2 grid gap-2 md:grid-cols-2">
            {environments.map((env) => (
              <label key={env.id} className="flex cursor-pointer items-start gap-3 border border-line p-3 has-[:checked]:border-marianne has-[:checked]:bg-marianne-light">
                <input type="radio" value={env.id} className="mt-1 accent-marianne" {...register("environment")} />
                <span>
                  <span className="block font-medium">{env.label}</span>
                  <span className="block break-all font-mono text-xs text-muted">{env.tokenUrl}</span>
                </span>
              </label>
            ))}
            <label className="flex cursor-pointer items-start gap-3 border border-line p-3 has-[:checked]:border-marianne has-[:checked]:bg-marianne-light">
              <input type="radio" value="personnalise" className="mt-1 accent-marianne" {...register("environment")} />
              <span>
                <span className="block font-medium">{custom.label}</span>
                <span className="block text-xs text-muted">
                  Tout serveur OAuth 2.0 (RFC 6749, grant « password ») en https{loopbackAllowed ? " — ou une adresse locale de démonstration" : ""}.
                </span>
              </span>
            </label>
          </div>
          {e.environment.length > 0 && (
            <p id="environment-error" className="mt-1 text-sm text-rouge">{e.environment.join(" ")}</p>
          )}
        </fieldset>

        {environment === "personnalise" && (
          <Field
            id="custom-url"
            label="URL du point d'accès du jeton"
            required
            errors={e.customUrl}
            hint="Par exemple https://connexion.exemple.fr/oauth2/token. Les adresses privées ou réservées sont refusées."
          >
            <input id="custom-url" type="url" inputMode="url" autoComplete="off" spellCheck={false} className={inputClass} {...register("customUrl")} {...describedBy("custom-url", { hint: true, errors: e.customUrl })} />
          </Field>
        )}

        <div className="grid gap-5 lg:grid-cols-2">
          <Field id="identifiant" label="Identifiant du compte API" required errors={e.identifiant}>
            <input id="identifiant" autoComplete="off" spellCheck={false} autoCapitalize="off" className={inputClass} {...register("identifiant")} {...describedBy("identifiant", { errors: e.identifiant })} />
          </Field>
          <Field
            id="api-password"
            label="Mot de passe du compte API"
            required
            errors={e.password}
            hint="Saisi à chaque test, envoyé uniquement au serveur de la console : jamais enregistré ni réaffiché."
          >
            <PasswordInput id="api-password" autoComplete="off" {...register("password")} {...describedBy("api-password", { hint: true, errors: e.password })} />
          </Field>
        </div>

        <Field
          id="api-url"
          label="URL d'une API à appeler avec le jeton (facultatif)"
          errors={e.apiUrl}
          hint={
            environment === "personnalise" || !selected
              ? "Un appel GET avec « Authorization: Bearer <jeton> » ; la réponse et son en-tête WWW-Authenticate sont analysés."
              : `Un appel GET avec « Authorization: Bearer <jeton> », par exemple ${selected.apiBaseUrl}/example/api ; la réponse et son en-tête WWW-Authenticate sont analysés.`
          }
        >
          <input id="api-url" type="url" inputMode="url" autoComplete="off" spellCheck={false} className={inputClass} {...register("apiUrl")} {...describedBy("api-url", { hint: true, errors: e.apiUrl })} />
        </Field>

        <div className="flex flex-wrap items-center gap-4">
          <button type="submit" disabled={pending} className={buttonClass("primary")}>
            {pending ? "Test en cours…" : "Tester l'obtention d'un jeton"}
          </button>
          {pending && (
            <span role="status" className="text-sm text-muted">
              Demande du jeton, vérification de la réponse et de la signature…
            </span>
          )}
        </div>
      </form>

      {report && (
        <TokenTestReportView key={report.runId ?? report.startedAtIso} report={report} />
      )}
    </div>
  );
}
