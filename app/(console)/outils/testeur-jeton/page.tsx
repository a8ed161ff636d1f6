import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { TokenTester } from "@/components/token-tester/TokenTester";
import { TokenTestHistory } from "@/components/token-tester/TokenTestHistory";
import { requireUser } from "@/lib/auth/session";
import { canUseTokenTester } from "@/lib/authorization";
import { listMyTokenTestRuns, prefillIdentifiant, testerEnvironments } from "@/lib/token-tester/data";

export const metadata = { title: "Testeur de jeton" };

type Search = { compte?: string | string[]; identifiant?: string | string[] };

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function TokenTesterPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireUser();
  if (!canUseTokenTester(actor)) notFound();
  const search = await searchParams;
  const fromAccount = await prefillIdentifiant(actor, first(search.compte));
  const identifiant = fromAccount ?? (first(search.identifiant) ?? "").trim().slice(0, 128);
  const [runs, envs] = await Promise.all([listMyTokenTestRuns(actor), Promise.resolve(testerEnvironments())]);

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Outils" }, { label: "Testeur de jeton" }]}
        title="Tester l'obtention d'un jeton"
        actions={
          <Link href="/aide/oauth" className="text-sm text-marianne underline">
            Aide : paramètres OAuth 2.0 et exemples curl
          </Link>
        }
      />
      <p className="mb-6 max-w-3xl text-muted">
        La console demande un jeton OAuth 2.0 pour un compte API, exactement comme le fera votre logiciel, et vérifie chaque étape
        par rapport au guide de la douane. Le mot de passe est envoyé uniquement au serveur de la console pour ce test : il
        n&apos;est ni enregistré, ni journalisé, ni réaffiché.
      </p>
      <TokenTester environments={envs.options} custom={envs.custom} loopbackAllowed={envs.loopbackAllowed} initialIdentifiant={identifiant} />
      <section aria-labelledby="historique-tests" className="mt-10">
        <h2 id="historique-tests" className="mb-3 text-xl font-bold">
          Mes derniers tests
        </h2>
        <TokenTestHistory runs={runs} environments={envs.options} />
      </section>
    </>
  );
}
