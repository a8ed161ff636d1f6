import Link from "next/link";

/** The State's brand block (« République française », DSFR logo) beside the service's name. */
export function Brand({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-5" title="Accueil — Correspondant Entreprise (douane.gouv.fr)">
      <span className="fr-logo" data-testid="brand-rf">
        République
        <br />
        française
      </span>
      <span>
        <span className="block text-xs uppercase tracking-widest text-muted">douane.gouv.fr</span>
        <span className="block text-xl font-bold">Correspondant Entreprise</span>
      </span>
    </Link>
  );
}
