"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { createAccountSchema, type CreateAccountInput } from "@/lib/accounts/schema";
import { createAccountAction } from "@/lib/accounts/actions";
import { formatSiret } from "@/lib/siret";
import type { SiretOption } from "@/lib/accounts/data";
import { Alert } from "@/components/ui/Alert";
import { Field, describedBy, inputClass } from "@/components/ui/Field";
import { PasswordInput } from "@/components/ui/PasswordInput";
import { PasswordChecklist } from "@/components/ui/PasswordChecklist";
import { buttonClass } from "@/components/ui/Button";
import { applyServerErrors, messagesOf } from "./form-errors";

export function CreateAccountForm({ sirets }: { sirets: SiretOption[] }) {
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const firstFree = sirets.find((s) => !s.existingIdentifiant)?.siret ?? "";
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitted },
  } = useForm<CreateAccountInput>({
    resolver: zodResolver(createAccountSchema),
    mode: "onTouched",
    criteriaMode: "all",
    defaultValues: { identifiant: "", email: "", siret: firstFree, password: "", passwordConfirmation: "" },
  });
  const password = useWatch({ control, name: "password" }) ?? "";

  const onSubmit = handleSubmit((values) => {
    setServerMessage(null);
    startTransition(async () => {
      const result = await createAccountAction(values);
      // On success the action redirects to the list; we only get here on failure.
      if (result && !result.ok) {
        setServerMessage(result.message);
        applyServerErrors(result.errors, setError);
      }
    });
  });

  const e = {
    identifiant: messagesOf(errors.identifiant),
    email: messagesOf(errors.email),
    siret: messagesOf(errors.siret),
    password: messagesOf(errors.password),
    passwordConfirmation: messagesOf(errors.passwordConfirmation),
  };
  const hasErrors = Object.values(e).some((m) => m.length > 0);

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6" aria-describedby="form-intro">
      <p id="form-intro" className="text-sm text-muted">
        Tous les champs sont obligatoires. Le mot de passe est vérifié ici puis de nouveau par le serveur.
      </p>
      {serverMessage && <Alert tone="error" title="Le compte n'a pas été créé">{serverMessage}</Alert>}
      {!serverMessage && isSubmitted && hasErrors && (
        <Alert tone="error" title="Le compte n'a pas été créé">Corrigez les champs signalés.</Alert>
      )}

      <Field id="identifiant" label="Identifiant" required errors={e.identifiant} hint="Nom de connexion du compte technique, unique (ex. : H7_API).">
        <input
          id="identifiant"
          autoComplete="off"
          className={inputClass}
          {...register("identifiant")}
          {...describedBy("identifiant", { hint: true, errors: e.identifiant })}
        />
      </Field>

      <Field
        id="email"
        label="Email"
        required
        errors={e.email}
        hint="Adresse dédiée au compte : elle reçoit les notifications de modification et d'incident."
      >
        <input id="email" type="email" autoComplete="off" className={inputClass} {...register("email")} {...describedBy("email", { hint: true, errors: e.email })} />
      </Field>

      <Field
        id="siret"
        label="Siret"
        required
        errors={e.siret}
        hint={
          <>
            Un seul compte API par SIRET. Si le SIRET voulu n&apos;est pas proposé, c&apos;est que vous n&apos;êtes pas habilité
            dessus : demandez à un correspondant de ce SIRET de vous nommer (menu ADMINISTRATION).
          </>
        }
      >
        <select id="siret" className={inputClass} {...register("siret")} {...describedBy("siret", { hint: true, errors: e.siret })}>
          <option value="">— Choisissez un SIRET —</option>
          {sirets.map((s) => (
            <option key={s.siret} value={s.siret} disabled={Boolean(s.existingIdentifiant)}>
              {formatSiret(s.siret)} — {s.companyName}
              {s.city ? ` (${s.city})` : ""}
              {s.existingIdentifiant ? ` — indisponible : compte « ${s.existingIdentifiant} » déjà créé` : ""}
            </option>
          ))}
        </select>
      </Field>

      <Field id="password" label="Mot de passe" required errors={e.password} hint={
          <>
            Au moins 12 caractères, avec majuscules, minuscules, chiffres et caractères spéciaux (
            <Link href="/aide/mot-de-passe" className="underline">
              la règle
            </Link>
            ).
          </>
        }
      >
        <PasswordInput
          id="password"
          autoComplete="new-password"
          {...register("password")}
          {...describedBy("password", { hint: true, errors: e.password })}
        />
        <PasswordChecklist value={password} id="password-rules" />
      </Field>

      <Field id="passwordConfirmation" label="Contrôle du mot de passe" required errors={e.passwordConfirmation}>
        <PasswordInput
          id="passwordConfirmation"
          autoComplete="new-password"
          {...register("passwordConfirmation")}
          {...describedBy("passwordConfirmation", { errors: e.passwordConfirmation })}
        />
      </Field>

      <div className="flex flex-wrap gap-3">
        <button type="submit" disabled={pending} className={buttonClass("primary")}>
          {pending ? "Création en cours…" : "Créer le compte technique"}
        </button>
      </div>
    </form>
  );
}
