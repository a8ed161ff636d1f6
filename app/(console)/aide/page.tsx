import { PageHeader } from "@/components/shell/Breadcrumb";
import { requireUser } from "@/lib/auth/session";
import { PASSWORD_RULES } from "@/lib/accounts/password-rules";
import { STATUS_LABELS } from "@/lib/habilitations/status";
import { SimulatorHelp } from "@/components/help/SimulatorHelp";

export const metadata = { title: "Aide" };

export default async function HelpPage() {
  await requireUser();
  return (
    <>
      <PageHeader crumbs={[{ label: "Aide" }]} title="Aide" />
      <div className="max-w-3xl space-y-8">
        <section aria-labelledby="creer">
          <h2 id="creer" className="text-xl font-bold">Créer un compte API</h2>
          <p className="mt-2">
            Menu COMPTES API, puis « + Ajouter un compte API ». Renseignez l&apos;identifiant (unique), un email dédié au compte,
            le SIRET (un seul compte API par SIRET, parmi ceux sur lesquels vous êtes habilité) et le mot de passe.
          </p>
        </section>
        <section aria-labelledby="mdp">
          <h2 id="mdp" className="text-xl font-bold">Règle du mot de passe</h2>
          <ul className="mt-2 list-disc pl-6">
            {PASSWORD_RULES.map((r) => (
              <li key={r.id}>{r.label}</li>
            ))}
          </ul>
          <p className="mt-2">Un changement de mot de passe est immédiat : tous les systèmes qui utilisent le compte doivent basculer en même temps.</p>
        </section>
        <section aria-labelledby="statuts">
          <h2 id="statuts" className="text-xl font-bold">Statuts (colonne « Hab. »)</h2>
          <ul className="mt-2 list-disc pl-6">
            <li><strong>Rouge</strong> (« ! » dans un rond rouge) : {STATUS_LABELS.red.toLowerCase()}.</li>
            <li><strong>Jaune</strong> (« ! » dans un triangle jaune) : habilité sur au moins une API, mais des données requises manquent.</li>
            <li><strong>Vert</strong> (sans pictogramme) : habilité, et toutes les données requises sont renseignées.</li>
          </ul>
        </section>
        <SimulatorHelp />
      </div>
    </>
  );
}
