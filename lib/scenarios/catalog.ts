/**
 * The trainer's scenarios (issue 5/6 §1): what each one puts in the console and which logins to
 * use. Pure data, shared by the trainer page, the CLI (`npm run db:scenario -- <id>`) and the
 * README. The stories themselves are in ./stories.ts.
 */
export const SCENARIO_IDS = ["vierge", "demonstration", "trois-etats", "demande-en-attente", "changement-url", "demande-refusee", "mot-de-passe-a-renouveler", "declaration-acceptee", "declaration-en-erreur"] as const;

export type ScenarioId = (typeof SCENARIO_IDS)[number];

export type ScenarioLogin = { login: string; why: string };

export type ScenarioInfo = {
  id: ScenarioId;
  name: string;
  /** One sentence: the state of the console after loading. */
  summary: string;
  /** What it lets the trainer show, in order. */
  shows: readonly string[];
  logins: readonly ScenarioLogin[];
};

const CLAIRE = "correspondant@demo.fr";
const AGENT = "agent@douane.demo";

export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: "vierge",
    name: "Vierge",
    summary:
      "Les personnes de démonstration seulement : entreprises et SIRET, correspondants, agent, formateur, collaborateurs en attente de rattachement, catalogue des API. Aucun compte API.",
    shows: [
      "Créer le premier compte API d'un SIRET (règle du mot de passe, un compte par SIRET).",
      "Certifier un collaborateur (onglet CERTIFICATION), nommer un correspondant (onglet ADMINISTRATION).",
    ],
    logins: [
      { login: CLAIRE, why: "correspondant de 3 SIRET : crée les comptes API" },
      { login: AGENT, why: "service de certification : file vide" },
    ],
  },
  {
    id: "demonstration",
    name: "Données de démonstration",
    summary: "Les données par défaut de la console (celles de npm run db:seed) : les personnes de démonstration et le compte api-demo-1, rouge (aucune habilitation).",
    shows: ["Le parcours complet depuis un compte tout juste créé : demande, décision, données, jeton."],
    logins: [
      { login: CLAIRE, why: "correspondant : api-demo-1 (SIRET 123 456 782 00010)" },
      { login: AGENT, why: "service de certification" },
    ],
  },
  {
    id: "trois-etats",
    name: "Trois états",
    summary:
      "Trois comptes API du même correspondant, un de chaque couleur : api-demo-1 rouge (aucune habilitation), api-demo-2 jaune (Gamma2 renseignée, PNTS à compléter), api-demo-3 vert (DeltaH7 complète, url active vers le récepteur de démonstration).",
    shows: [
      "La colonne Hab. : pictogrammes rouge, jaune et vert, et ce qui manque.",
      "Le parcours de certification d'api-demo-3 : lancer le testeur de jeton puis un appel retour de test pour cocher chaque étape.",
    ],
    logins: [
      { login: CLAIRE, why: "correspondant des trois SIRET" },
      { login: "api-demo-3", why: "compte API vert (mot de passe des comptes API) pour le testeur de jeton" },
    ],
  },
  {
    id: "demande-en-attente",
    name: "Demande en attente",
    summary: "api-demo-1 (rouge) a demandé DeltaH7 et Gamma2 hier : la demande attend la décision de la douane.",
    shows: ["La file de la douane, la décision par API (accord, refus motivé), la notification au correspondant."],
    logins: [
      { login: AGENT, why: "traite la demande (menu DOUANE)" },
      { login: CLAIRE, why: "voit la demande en attente, peut la retirer" },
    ],
  },
  {
    id: "changement-url",
    name: "Changement d'url en attente",
    summary:
      "api-demo-1 est vert sur DeltaH7, url active depuis 4 jours ; une nouvelle url vient d'être demandée et prendra effet dans 4 h (délai DeltaH7).",
    shows: [
      "L'url active et l'url en attente, le compte à rebours.",
      "Avancer l'horloge de démonstration de 4 h : la nouvelle url devient active et le message « url active » est envoyé.",
    ],
    logins: [
      { login: CLAIRE, why: "voit le changement en attente, peut l'annuler" },
      { login: "formateur@demo.fr", why: "avance l'horloge (cette page)" },
    ],
  },
  {
    id: "demande-refusee",
    name: "Demande refusée",
    summary: "api-demo-1 (rouge) a demandé DeltaIE ; la douane a refusé hier, avec un motif.",
    shows: ["Le refus motivé sur le compte, le message reçu, une nouvelle demande."],
    logins: [
      { login: CLAIRE, why: "voit le refus et son motif" },
      { login: AGENT, why: "retrouve la demande (DOUANE, filtre État « Refusée »)" },
    ],
  },
  {
    id: "mot-de-passe-a-renouveler",
    name: "Mot de passe à renouveler",
    summary:
      "api-demo-1 (vert sur DeltaH7) n'a pas changé de mot de passe depuis la création du compte : la date de renouvellement (API_PASSWORD_MAX_AGE_DAYS, 424 jours dans la commande de lancement) est dans 7 jours ; les rappels de 30 jours et de 7 jours ont été envoyés.",
    shows: [
      "L'âge du mot de passe sur le compte et le filtre « Mot de passe : à renouveler » de la liste ; les rappels dans Messages, avec l'avertissement du guide.",
      "Avancer l'horloge de démonstration de 7 jours : le rappel du jour même part, le mot de passe est « à renouveler depuis le … » ; la console ne bloque rien.",
    ],
    logins: [
      { login: CLAIRE, why: "voit l'âge du mot de passe, les rappels, et peut le changer" },
      { login: "formateur@demo.fr", why: "avance l'horloge (cette page)" },
    ],
  },
  {
    id: "declaration-acceptee",
    name: "Déclaration acceptée",
    summary:
      "api-demo-1 (vert sur DeltaH7, url sur le récepteur de démonstration) a envoyé une déclaration H7 il y a une heure ; la douane l'a acceptée et a rappelé l'opérateur avec la Response_H7 (MRN, taxes).",
    shows: [
      "L'échange DeltaH7 complet sur la fiche du compte : l'appel retour de la douane (accepté), le message reçu par le récepteur de démonstration.",
      "Envoyer une autre déclaration (POST /dh7/declarations/creer, voir l'Aide) et voir arriver sa réponse ; « Renvoyer » un appel retour.",
    ],
    logins: [
      { login: CLAIRE, why: "voit les appels retours de la douane et le récepteur" },
      { login: AGENT, why: "voit le même historique sur le compte" },
    ],
  },
  {
    id: "declaration-en-erreur",
    name: "Déclaration en erreur",
    summary:
      "api-demo-1 a envoyé deux déclarations H7 avec le même LRN : la première a été acceptée, la seconde a reçu une Error_H7 (H7_NAT_000, LRN déjà utilisé) à {url}/declarations/erreurs.",
    shows: ["L'erreur fonctionnelle rendue par appel retour, et non par la réponse immédiate ; sa lecture (errorCode, errorPointer, errorDescription)."],
    logins: [{ login: CLAIRE, why: "voit l'Error_H7 reçue par le récepteur de démonstration" }],
  },
];

export function isScenarioId(value: unknown): value is ScenarioId {
  return typeof value === "string" && (SCENARIO_IDS as readonly string[]).includes(value);
}

export function scenarioInfo(id: ScenarioId): ScenarioInfo {
  const info = SCENARIOS.find((s) => s.id === id);
  if (!info) throw new Error(`Unknown scenario ${id}`);
  return info;
}
