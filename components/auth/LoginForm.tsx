"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/Alert";
import { Field, inputClass } from "@/components/ui/Field";
import { PasswordInput } from "@/components/ui/PasswordInput";
import { buttonClass } from "@/components/ui/Button";
import { safeCallbackPath } from "@/lib/auth/callback-url";

const ERRORS: Record<string, string> = {
  IDENTIFIANTS_INVALIDES: "Email ou mot de passe incorrect.",
  TROP_DE_TENTATIVES:
    "Trop de tentatives de connexion infructueuses depuis votre poste : elles y sont suspendues pendant 15 minutes au plus. Réessayez plus tard.",
};

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!result || result.error) {
        setError(ERRORS[result?.error ?? ""] ?? ERRORS.IDENTIFIANTS_INVALIDES!);
        setPending(false);
        return;
      }
      router.replace(safeCallbackPath(callbackUrl, window.location.origin));
      router.refresh();
    } catch {
      setError("Le service de connexion ne répond pas. Réessayez dans un instant.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate>
      {error && <Alert tone="error" title="Connexion impossible">{error}</Alert>}
      <Field id="email" label="Email du compte douane.gouv" required>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
      </Field>
      <Field id="password" label="Mot de passe" required>
        <PasswordInput id="password" name="password" autoComplete="current-password" required />
      </Field>
      <button type="submit" disabled={pending} className={buttonClass("primary")}>
        {pending ? "Connexion…" : "Se connecter"}
      </button>
    </form>
  );
}
