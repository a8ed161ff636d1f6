import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/LoginForm";
import { Brand } from "@/components/shell/Brand";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { consoleBaseUrl } from "@/lib/oauth/environments";

export const metadata = { title: "Connexion" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if (await getCurrentUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  return (
    <>
      <header className="border-b border-line bg-white">
        <div className="mx-auto max-w-7xl px-4 py-4">
          <Brand href="/login" />
        </div>
      </header>
      <main id="contenu" className="mx-auto max-w-lg px-4 py-12">
        <h1 className="text-3xl font-bold">Connexion</h1>
        <p className="mt-2 text-muted">Connectez-vous avec votre compte douane.gouv pour gérer les comptes API de votre entreprise.</p>
        <div className="mt-8 border border-line p-6">
          <LoginForm callbackUrl={safeCallbackPath(typeof callbackUrl === "string" ? callbackUrl : undefined, consoleBaseUrl())} />
        </div>
      </main>
    </>
  );
}
