import Link from "next/link";

export default function NotFound() {
  return (
    <main id="contenu" className="mx-auto max-w-3xl px-4 py-16">
      <p className="text-sm font-semibold text-muted">Erreur 404</p>
      <h1 className="mt-2 text-3xl font-bold">Page introuvable</h1>
      <p className="mt-4">
        La page demandée n&apos;existe pas ou vous n&apos;y avez pas accès. Si vous avez suivi un lien, vérifiez
        l&apos;adresse ; un compte API n&apos;est visible que des correspondants habilités sur son SIRET.
      </p>
      <Link href="/comptes-api" className="mt-6 inline-block font-semibold text-marianne underline">
        Revenir à la liste des comptes API
      </Link>
    </main>
  );
}
