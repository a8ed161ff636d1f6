import Link from "next/link";

/** The 404 message (inside the signed-in shell, or alone for anonymous visitors). */
export function NotFoundContent() {
  return (
    <div className="mx-auto max-w-3xl py-8" data-testid="not-found">
      <p className="text-sm font-semibold text-muted">Erreur 404</p>
      <h1 className="mt-2 text-3xl font-bold">Page introuvable</h1>
      <p className="mt-4">
        La page demandée n&apos;existe pas ou vous n&apos;y avez pas accès. Si vous avez suivi un lien, vérifiez
        l&apos;adresse ; un compte API n&apos;est visible que des correspondants habilités sur son SIRET.
      </p>
      <Link href="/" className="mt-6 inline-block font-semibold text-marianne underline">
        Revenir à l&apos;accueil
      </Link>
    </div>
  );
}
