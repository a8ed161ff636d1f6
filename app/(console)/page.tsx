import Link from "next/link";
import { Breadcrumb } from "@/components/shell/Breadcrumb";
import { requireUser } from "@/lib/auth/session";
import { canReadMessages, canUseCustomsDesk } from "@/lib/authorization/policy";

export default async function HomePage() {
  const actor = await requireUser();
  const tiles = [
    { href: "/comptes-api", title: "Comptes API", text: "Créer les comptes techniques (un par SIRET), demander leurs habilitations, renseigner les données de chaque API." },
    { href: "/certification", title: "Certification", text: "Certifier ou décertifier le rattachement des comptes douane.gouv de vos collaborateurs." },
    { href: "/administration", title: "Administration", text: "Les correspondants de chacun de vos SIRET." },
    ...(canReadMessages(actor)
      ? [{ href: "/messages", title: "Messages", text: "Les notifications envoyées au sujet des comptes API de vos SIRET." }]
      : []),
    ...(canUseCustomsDesk(actor)
      ? [{ href: "/douane", title: "Douane", text: "Service de certification : traiter les demandes d'habilitation, tenir le catalogue des API." }]
      : []),
    { href: "/aide", title: "Aide", text: "Règles des comptes API, statuts, paramètres OAuth 2.0 des environnements." },
  ];
  return (
    <>
      <Breadcrumb items={[]} />
      <h1 className="mt-3 text-3xl font-bold">Bonjour {actor.name}</h1>
      <p className="mt-2 max-w-3xl text-muted">
        Cet espace permet de gérer les comptes API qu&apos;utilisent les logiciels de votre entreprise pour appeler les API
        de la douane (DeltaH7, Gamma2, DeltaIE, PNTS).
      </p>
      <ul className="mt-8 grid gap-4 sm:grid-cols-2">
        {tiles.map((t) => (
          <li key={t.href}>
            <Link href={t.href} className="block h-full border border-line border-b-4 border-b-marianne p-5 hover:bg-surface">
              <span className="text-lg font-bold text-marianne">{t.title}</span>
              <span className="mt-2 block text-sm">{t.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
