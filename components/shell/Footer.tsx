import Link from "next/link";

const STATE_SITES = [
  ["legifrance.gouv.fr", "https://www.legifrance.gouv.fr"],
  ["info.gouv.fr", "https://www.info.gouv.fr"],
  ["service-public.fr", "https://www.service-public.fr"],
  ["data.gouv.fr", "https://www.data.gouv.fr"],
] as const;

/** The public-service footer: brand block, what the service is, the State's sites, the mandatory pages. */
export function Footer() {
  return (
    <footer className="no-print mt-16 border-t-2 border-marianne bg-white" data-testid="footer">
      <div className="mx-auto grid max-w-7xl gap-6 px-4 py-8 md:grid-cols-[auto_1fr]">
        <span className="fr-logo">
          République
          <br />
          française
        </span>
        <div className="space-y-3 text-sm">
          <p className="max-w-3xl">
            Réplique d&apos;entraînement du portail <strong>Correspondant Entreprise</strong> de la douane : comptes API, habilitations,
            données par API et jetons OAuth 2.0, avec la simulation du service de certification. Ce n&apos;est pas le portail officiel.
          </p>
          <ul className="flex flex-wrap gap-x-6 gap-y-1 font-semibold">
            {STATE_SITES.map(([label, href]) => (
              <li key={href}>
                <a href={href} rel="noopener noreferrer" className="hover:underline">
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="border-t border-line">
        <ul className="mx-auto flex max-w-7xl flex-wrap gap-x-4 gap-y-1 px-4 py-3 text-xs text-muted">
          <li>
            <Link href="/accessibilite" className="hover:underline">
              Accessibilité : non conforme
            </Link>
          </li>
          <li>
            <Link href="/mentions-legales" className="hover:underline">
              Mentions légales
            </Link>
          </li>
          <li>
            <Link href="/donnees-personnelles" className="hover:underline">
              Données personnelles
            </Link>
          </li>
        </ul>
      </div>
    </footer>
  );
}
