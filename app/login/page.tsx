import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/LoginForm";
import { ProConnectSignIn } from "@/components/auth/ProConnectSignIn";
import { Brand } from "@/components/shell/Brand";
import { Alert } from "@/components/ui/Alert";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInMethods } from "@/lib/auth/federation";
import { signInNotice } from "@/lib/auth/sign-in-messages";
import { consoleBaseUrl } from "@/lib/oauth/environments";

export const metadata = { title: "Connexion" };

type Search = { callbackUrl?: string | string[]; error?: string | string[]; erreur?: string | string[]; deconnexion?: string | string[] };
const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

export default async function LoginPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (await getCurrentUser()) redirect("/");
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(one(params.callbackUrl), consoleBaseUrl());
  const notice = signInNotice({ error: one(params.error), erreur: one(params.erreur), deconnexion: one(params.deconnexion) });
  const methods = signInMethods();
  return (
    <>
      <header className="border-b border-line bg-white">
        <div className="mx-auto max-w-7xl px-4 py-4">
          <Brand href="/login" />
        </div>
      </header>
      <main id="contenu" className="mx-auto max-w-lg px-4 py-12">
        <h1 className="text-3xl font-bold">Connexion</h1>
        <p className="mt-2 text-muted">
          {methods.credentials
            ? "Connectez-vous pour gérer les comptes API de votre entreprise."
            : "Connectez-vous avec ProConnect, l’identité professionnelle des agents publics et des entreprises."}
        </p>
        {notice && (
          <div className="mt-6">
            <Alert tone={notice.tone} title={notice.title}>
              {notice.text}
            </Alert>
          </div>
        )}
        {methods.federation && (
          <section aria-labelledby="connexion-proconnect" className="mt-8 border border-line p-6">
            <h2 id="connexion-proconnect" className="text-xl font-bold">
              Avec ProConnect
            </h2>
            <p className="mb-4 mt-1 text-sm text-muted">Vos droits (SIRET, rôle) sont ceux que la console vous a donnés, quel que soit votre compte ProConnect.</p>
            <ProConnectSignIn callbackUrl={callbackUrl} />
          </section>
        )}
        {methods.credentials && (
          <section aria-labelledby="connexion-mot-de-passe" className="mt-8 border border-line p-6">
            <h2 id="connexion-mot-de-passe" className="mb-4 text-xl font-bold">
              {methods.federation ? "Avec votre compte douane.gouv" : "Compte douane.gouv"}
            </h2>
            <LoginForm callbackUrl={callbackUrl} />
          </section>
        )}
      </main>
    </>
  );
}
