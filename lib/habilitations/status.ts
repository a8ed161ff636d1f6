/**
 * The "Hab." status of an API account (SPEC "Habilitation status") — the one pure function
 * every screen uses:
 *  - red:    no habilitation at all;
 *  - yellow: habilitated on at least one API, but data required by one or more of its APIs is missing;
 *  - green:  habilitated, and every API's required data is complete.
 */
export type StatusLevel = "red" | "yellow" | "green";

export type ApiFieldRequirement = { key: string; label: string; required: boolean };

export type GrantedApi = {
  api: { code: string; name: string; fields: readonly ApiFieldRequirement[] };
  /** Keys of the fields that hold a value (a pending url counts: the data has been provided). */
  filledKeys: ReadonlySet<string> | readonly string[];
};

export type MissingField = { apiCode: string; apiName: string; fieldKey: string; fieldLabel: string };

export type AccountStatus = {
  level: StatusLevel;
  /** Short French label, also the text alternative of the pictogram. */
  label: string;
  missing: MissingField[];
};

export const STATUS_LABELS: Record<StatusLevel, string> = {
  red: "Aucune habilitation",
  yellow: "Données manquantes",
  green: "Habilité, données complètes",
};

/** The French slug used in URLs and filters for each level. */
export const STATUS_SLUGS: Record<StatusLevel, "rouge" | "jaune" | "vert"> = {
  red: "rouge",
  yellow: "jaune",
  green: "vert",
};

export function accountStatus(granted: readonly GrantedApi[]): AccountStatus {
  if (granted.length === 0) return { level: "red", label: STATUS_LABELS.red, missing: [] };
  const missing: MissingField[] = [];
  for (const { api, filledKeys } of granted) {
    const filled = filledKeys instanceof Set ? filledKeys : new Set(filledKeys as readonly string[]);
    for (const field of api.fields) {
      if (field.required && !filled.has(field.key)) {
        missing.push({ apiCode: api.code, apiName: api.name, fieldKey: field.key, fieldLabel: field.label });
      }
    }
  }
  const level: StatusLevel = missing.length > 0 ? "yellow" : "green";
  return { level, label: STATUS_LABELS[level], missing };
}

/** A field's label inside a sentence: "Email du contact technique" → "email du contact technique" (acronyms kept). */
function inSentence(label: string): string {
  return /^[A-Z][a-zà-ÿ]/.test(label) ? `${label[0]!.toLowerCase()}${label.slice(1)}` : label;
}

/** "DeltaH7 : url à renseigner", "PNTS : email du contact technique à renseigner" — one line per missing field, one wording. */
export function describeMissing(missing: readonly MissingField[]): string[] {
  return missing.map((m) => `${m.apiName} : ${inSentence(m.fieldLabel)} à renseigner`);
}
