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
        <section aria-labelledby="habilitations">
          <h2 id="habilitations" className="text-xl font-bold">Habilitations</h2>
          <p className="mt-2">
            Sur la page d&apos;un compte API, « Demander une habilitation » : choisissez une ou plusieurs API (DeltaH7, Gamma2, DeltaIE,
            PNTS). Le service de certification de la douane accorde ou refuse chaque API ; un refus est toujours motivé. Une demande en
            attente peut être retirée. La douane peut aussi révoquer une habilitation, avec un motif.
          </p>
        </section>
        <section aria-labelledby="donnees">
          <h2 id="donnees" className="text-xl font-bold">Données des API habilitées (url, token…)</h2>
          <ul className="mt-2 list-disc pl-6">
            <li>« Modifier » ouvre les champs de l&apos;API ; « Annuler » les referme sans rien changer ; « Enregistrer » les sauve.</li>
            <li>
              L&apos;url est l&apos;adresse de base où la douane envoie ses appels retours : https obligatoire (http seulement pour une
              adresse locale de démonstration), sans identifiant ni mot de passe, 2 048 caractères au plus. Son domaine doit d&apos;abord
              être ouvert sur le réseau de la douane : demandez-le au contact douanier de l&apos;API.
            </li>
            <li>
              Un changement d&apos;url, le premier compris, n&apos;est pas immédiat : il prend effet au plus tard après le délai de
              l&apos;API (4 h pour DeltaH7, 15 min pour Gamma2). Un nouveau changement remplace celui en attente et relance le délai ; un
              changement en attente peut être annulé.
            </li>
            <li>Le token est conservé chiffré ; il n&apos;est affiché en clair que sur demande, et cet affichage est tracé.</li>
          </ul>
        </section>
        <section aria-labelledby="messages">
          <h2 id="messages" className="text-xl font-bold">Messages</h2>
          <p className="mt-2">
            Chaque événement (demande, décision, révocation, changement de mot de passe, d&apos;email ou d&apos;url) est notifié à
            l&apos;email du compte et aux correspondants de son SIRET, et reste consultable dans le menu Messages.
          </p>
        </section>
        <SimulatorHelp />
      </div>
    </>
  );
}
