/**
 * What a test callback ("appel retour") carries: for each catalogue API, the path customs appends
 * to the operator's active url and a sample JSON message shaped like a customs response for that
 * API (documented in the Aide page). Pure: the reference, the instant and the account are given.
 * Every message says it is a test (`essai: true`) so an operator's system can tell it apart.
 */

export type CallbackSample = {
  /** The API's usual name (Aide page). */
  label: string;
  /** Path appended to the active url; `{ref}` is the message's reference. */
  pathTemplate: string;
  /** The reference's kind, for the Aide page. */
  referenceLabel: string;
  /** What the message announces, in French (Aide page, confirmation dialog). */
  summary: string;
  /** Builds the message. */
  body(input: SampleInput): Record<string, unknown>;
  /** Length of the random part of the reference (after the year and "FR"). */
  referenceRandomLength: number;
};

export type SampleInput = { reference: string; at: Date; identifiant: string; apiCode: string };

const NOTE = "Appel retour de test envoyé depuis la console Correspondant Entreprise : il ne correspond à aucune opération réelle.";

const common = ({ reference, at, identifiant, apiCode }: SampleInput) => ({
  essai: true,
  api: apiCode,
  compteApi: identifiant,
  reference,
  dateEmission: at.toISOString(),
});

export const CALLBACK_SAMPLES: Record<string, CallbackSample> = {
  DELTA_H7: {
    label: "DeltaH7",
    pathTemplate: "/declarations/{ref}/reponses",
    referenceLabel: "MRN de la déclaration H7 (18 caractères)",
    summary: "Notification de mainlevée d'une déclaration H7 (envoi de faible valeur).",
    referenceRandomLength: 14,
    body: (input) => ({
      typeMessage: "NOTIFICATION_MAINLEVEE",
      ...common(input),
      mrn: input.reference,
      referenceDeclarant: "H7-ESSAI-0001",
      bureauDouane: "FR000690",
      statut: { code: "MAINLEVEE", libelle: "Mainlevée accordée : l'envoi peut être livré au destinataire." },
      commentaire: NOTE,
    }),
  },
  GAMMA2: {
    label: "Gamma2",
    pathTemplate: "/mouvements/{ref}/evenements",
    referenceLabel: "ARC du document d'accompagnement électronique (21 caractères)",
    summary: "Événement d'un mouvement de produits soumis à accises : accusé de réception validé.",
    referenceRandomLength: 17,
    body: (input) => ({
      typeMessage: "EVENEMENT_MOUVEMENT",
      ...common(input),
      arc: input.reference,
      evenement: { code: "IE818", libelle: "Accusé de réception validé par le destinataire." },
      commentaire: NOTE,
    }),
  },
  DELTA_IE: {
    label: "DeltaIE",
    pathTemplate: "/declarations/{ref}/reponses",
    referenceLabel: "MRN de la déclaration (18 caractères)",
    summary: "Réponse à une déclaration d'importation : bon à enlever (BAE).",
    referenceRandomLength: 14,
    body: (input) => ({
      typeMessage: "NOTIFICATION_BAE",
      ...common(input),
      mrn: input.reference,
      regime: "IM",
      bureauDouane: "FR000690",
      statut: { code: "BAE", libelle: "Bon à enlever : les marchandises peuvent être enlevées." },
      commentaire: NOTE,
    }),
  },
  PNTS: {
    label: "PNTS",
    pathTemplate: "/declarations/{ref}/reponses",
    referenceLabel: "référence du dépôt (18 caractères)",
    summary: "Accusé de traitement d'un dépôt : message accepté par la douane.",
    referenceRandomLength: 14,
    body: (input) => ({
      typeMessage: "ACCUSE_TRAITEMENT",
      ...common(input),
      statut: { code: "ACCEPTE", libelle: "Message accepté et intégré par la douane." },
      commentaire: NOTE,
    }),
  },
};

/** An API added to the catalogue later gets a generic test notification. */
export const GENERIC_SAMPLE: CallbackSample = {
  label: "Autre API",
  pathTemplate: "/declarations/{ref}/reponses",
  referenceLabel: "référence (18 caractères)",
  summary: "Notification de test générique.",
  referenceRandomLength: 14,
  body: (input) => ({ typeMessage: "NOTIFICATION_ESSAI", ...common(input), commentaire: NOTE }),
};

export function sampleFor(apiCode: string): CallbackSample {
  return Object.hasOwn(CALLBACK_SAMPLES, apiCode) ? CALLBACK_SAMPLES[apiCode]! : GENERIC_SAMPLE;
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A reference like customs ones: 2-digit year, "FR", then `length` upper-case letters and digits drawn from `random`. */
export function makeReference(at: Date, length: number, random: Uint8Array): string {
  const year = String(at.getUTCFullYear() % 100).padStart(2, "0");
  let tail = "";
  for (let i = 0; i < length; i++) tail += ALPHABET[(random[i % random.length] ?? 0) % ALPHABET.length];
  return `${year}FR${tail}`;
}

/** The path of one message (`{ref}` filled, URL-safe). */
export function callbackPath(sample: CallbackSample, reference: string): string {
  return sample.pathTemplate.replace("{ref}", encodeURIComponent(reference));
}

/**
 * The URL called: the active url (the common base of the operator's endpoints) followed by the
 * path. Its query string is kept; a fragment is never sent.
 */
export function callbackUrl(activeUrl: string, path: string): string {
  const url = new URL(activeUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${path}`;
  url.hash = "";
  return url.toString();
}
