export const metadata = { title: "Accessibilité" };

export default function AccessibilityPage() {
  return (
    <>
      <h1 className="text-3xl font-bold">Déclaration d&apos;accessibilité</h1>
      <p>
        <strong>État de conformité : non conforme.</strong> Aucun audit du référentiel général d&apos;amélioration de l&apos;accessibilité
        (RGAA) n&apos;a été réalisé sur cette console ; tant qu&apos;un audit n&apos;a pas mesuré un taux de conformité, la mention
        « non conforme » est la seule exacte.
      </p>
      <h2 className="text-xl font-bold">Ce qui est vérifié</h2>
      <ul className="list-disc space-y-1 pl-6">
        <li>Chaque parcours (connexion, comptes API, habilitations, données par API, douane, formation, messages) est testé dans Chromium avec axe-core : aucune violation WCAG 2.1 niveaux A et AA détectée automatiquement.</li>
        <li>Tout se fait au clavier : lien d&apos;évitement « Aller au contenu », focus visible, boîtes de dialogue qui gardent le focus et se ferment avec Échap.</li>
        <li>Les tableaux ont un titre et des en-têtes de colonnes ; les tris sont annoncés ; sur un écran étroit, les lignes deviennent des cartes.</li>
        <li>Les messages d&apos;erreur sont en français, reliés à leur champ et annoncés.</li>
      </ul>
      <h2 className="text-xl font-bold">Limites connues</h2>
      <p>Les tests automatiques ne détectent qu&apos;une partie des défauts ; aucune évaluation avec des utilisateurs de technologies d&apos;assistance n&apos;a encore eu lieu.</p>
    </>
  );
}
