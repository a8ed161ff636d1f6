export const metadata = { title: "Données personnelles" };

export default function PrivacyPage() {
  return (
    <>
      <h1 className="text-3xl font-bold">Données personnelles</h1>
      <p>La console enregistre, dans sa propre base de données et nulle part ailleurs :</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>pour chaque personne : son nom, son email douane.gouv, son rôle, ses SIRET et un condensat argon2id de son mot de passe (jamais le mot de passe) ;</li>
        <li>ses sessions (pour pouvoir les terminer à la déconnexion ou au changement de mot de passe) ;</li>
        <li>l&apos;historique de ses actions (qui, quand, quoi, sur quel compte), avec l&apos;adresse IP des connexions et des échecs ;</li>
        <li>les messages envoyés au sujet des comptes API (à l&apos;email du compte et aux correspondants du SIRET), et ceux qu&apos;elle a lus ;</li>
        <li>des compteurs d&apos;échecs par adresse et par identifiant, effacés 24 h après leur dernière utilisation.</li>
      </ul>
      <p>
        Les tokens des API sont chiffrés (AES-256-GCM) et ne sont affichés qu&apos;à la demande, action elle-même enregistrée. Aucune
        donnée n&apos;est envoyée à un tiers : ni mesure d&apos;audience, ni police ou script venant d&apos;un autre site.
      </p>
      <p>Pour consulter, corriger ou effacer vos données, adressez-vous à l&apos;exploitant de la console (voir les mentions légales).</p>
    </>
  );
}
