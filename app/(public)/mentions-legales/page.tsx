export const metadata = { title: "Mentions légales" };

export default function LegalPage() {
  return (
    <>
      <h1 className="text-3xl font-bold">Mentions légales</h1>
      <p>
        Cette console est une <strong>réplique d&apos;entraînement</strong> du portail Correspondant Entreprise de douane.gouv.fr. Elle
        n&apos;est pas exploitée par la Direction générale des douanes et droits indirects et ne donne accès à aucun service réel de la
        douane : les habilitations, jetons et API y sont simulés.
      </p>
      <p>
        Son exploitant est l&apos;organisation qui l&apos;a installée (équipe de certification, organisme de formation) ; c&apos;est à
        elle de compléter cette page avec son nom, son adresse et le nom du directeur de la publication.
      </p>
      <p>Le logo « République française » et la police Marianne proviennent du système de design de l&apos;État (DSFR), livrés avec la console.</p>
    </>
  );
}
