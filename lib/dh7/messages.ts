/**
 * The DeltaH7 exchange of the simulator — the messages, modelled on the public "DELTA H7 API"
 * message specification (v0.3.0). Pure: the instant and the random parts are passed in.
 *
 * Follows the public specification: the message names (Creation_H7, Response_H7, Error_H7), the
 * fields it names for a declaration (messageDateTime as AAAA-MM-DDThh:mm:ss[offset][ZoneID],
 * messageId, lrn ≤ 22, declarationType IM|CO, additionalDeclarationType A|D,
 * clearanceAgreementNumber ≤ 8, the customs offices), the callback paths
 * ({url}/declarations/{customsDeclarationReference}/reponses, {url}/declarations/erreurs) and the
 * error fields (errorType, errorCode such as H7_NAT_000, errorPointer, errorDescription).
 * The simulator's own choices: the acknowledgement's shape, the reference and MRN formats, the
 * duties computed (a flat 20 % VAT on the declared value, no customs duty under 150 €), the error
 * codes used, and that every well-formed declaration with a new LRN is accepted.
 */
import { z } from "../zod";

/** The catalogue code of the DeltaH7 API (prisma/seed: the habilitation an exchange needs). */
export const DH7_API_CODE = "DELTA_H7";

/** AAAA-MM-DDThh:mm:ss, then an optional offset (Z or ±hh:mm), then an optional [Zone/ID]. */
export const MESSAGE_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(Z|[+-]([01]\d|2[0-3]):[0-5]\d)?(\[[A-Za-z]+(?:[/_+-][A-Za-z0-9]+)*\])?$/;
const OFFICE = /^[A-Z]{2}[A-Z0-9]{6}$/;

const office = z.string().regex(OFFICE, "Un bureau de douane est un code de 8 caractères (ex. FR000690).");

export const creationH7Schema = z
  .object({
    messageDateTime: z.string().regex(MESSAGE_DATE_TIME, "messageDateTime : AAAA-MM-DDThh:mm:ss[décalage][ZoneID] attendu."),
    messageId: z.string().min(1).max(35),
    lrn: z.string().min(1).max(22, "lrn : 22 caractères au plus."),
    declarationType: z.enum(["IM", "CO"]),
    additionalDeclarationType: z.enum(["A", "D"]),
    clearanceAgreementNumber: z.string().min(1).max(8).optional(),
    customsOfficeOfLodgement: office,
    customsOfficeOfPresentation: office.optional(),
    /** The simulator's own: the declared value in euros (to compute the VAT of the response). */
    totalAmountInvoiced: z.number().nonnegative().max(1_000_000).optional(),
  })
  .strict();

export type CreationH7 = z.infer<typeof creationH7Schema>;

/** A well-formed Creation_H7 (the trainer scenarios, the e2e operator script, the tests): an import, office FR000690. */
export function sampleCreationH7(lrn: string, options: { messageDateTime?: string; totalAmountInvoiced?: number } = {}): CreationH7 {
  return {
    messageDateTime: options.messageDateTime ?? "2026-12-01T10:15:00+01:00[Europe/Paris]",
    messageId: `MSG-${lrn}`,
    lrn,
    declarationType: "IM",
    additionalDeclarationType: "A",
    customsOfficeOfLodgement: "FR000690",
    totalAmountInvoiced: options.totalAmountInvoiced ?? 100,
  };
}

export type ErrorH7 = {
  messageId: string;
  lrn: string | null;
  errors: { errorType: "FUNCTIONAL" | "TECHNICAL"; errorCode: string; errorPointer: string; errorDescription: string }[];
};

/** The first problems of an invalid message, as Error_H7 entries (JSON pointers to the fields). */
export function errorsOf(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string; code?: string }>): ErrorH7["errors"] {
  return issues.slice(0, 20).map((issue) => ({
    errorType: "TECHNICAL",
    errorCode: issue.code === "unrecognized_keys" ? "H7_TEC_002" : "H7_TEC_001",
    errorPointer: `/${issue.path.map(String).join("/")}`,
    errorDescription: issue.message,
  }));
}

/** 2026FR + 12 random digits/letters: the simulator's customsDeclarationReference. */
export function declarationReference(at: Date, random: Uint8Array): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  const tail = Array.from(random.subarray(0, 12), (b) => alphabet[b % alphabet.length]).join("");
  return `${at.getUTCFullYear()}FR${tail.padEnd(12, "0")}`;
}

/** 26FRH7 + 12: an 18-character MRN (the simulator's format). */
export function mrnFor(at: Date, random: Uint8Array): string {
  const digits = Array.from(random.subarray(0, 12), (b) => String(b % 10)).join("");
  return `${String(at.getUTCFullYear()).slice(2)}FRH7${digits.padEnd(12, "0")}`;
}

export function responseH7(input: { declaration: CreationH7; reference: string; mrn: string; at: Date }) {
  const value = input.declaration.totalAmountInvoiced ?? 0;
  const vat = Math.round(value * 20) / 100;
  return {
    messageId: input.declaration.messageId,
    messageDateTime: input.at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    lrn: input.declaration.lrn,
    customsDeclarationReference: input.reference,
    mrn: input.mrn,
    state: "ACC",
    stateLabel: "Déclaration acceptée (simulateur)",
    dutiesAndTaxes: { currency: "EUR", customsDuty: 0, vat, total: vat },
  };
}

export function lrnAlreadyUsed(declaration: CreationH7): ErrorH7 {
  return {
    messageId: declaration.messageId,
    lrn: declaration.lrn,
    errors: [
      {
        errorType: "FUNCTIONAL",
        errorCode: "H7_NAT_000",
        errorPointer: "/lrn",
        errorDescription: `Le LRN « ${declaration.lrn} » a déjà été utilisé pour une déclaration de ce compte.`,
      },
    ],
  };
}

/** A request to invalidate an accepted declaration (the simulator's field names, after the spec's). */
export const invalidationSchema = z
  .object({
    messageDateTime: z.string().regex(MESSAGE_DATE_TIME, "messageDateTime : AAAA-MM-DDThh:mm:ss[décalage][ZoneID] attendu."),
    messageId: z.string().min(1).max(35),
    customsDeclarationReference: z.string().min(1).max(40),
    justification: z.string().min(1).max(512),
  })
  .strict();

export type InvalidationRequest = z.infer<typeof invalidationSchema>;

/** 2026FRD + 11: the simulator's customsRequestReference. */
export function requestReference(at: Date, random: Uint8Array): string {
  return declarationReference(at, random).replace(/^(\d{4})FR/, "$1FRD").slice(0, 18);
}

/** The request's registration (« enregistrement »), sent first. */
export function registrationH7(input: { request: InvalidationRequest; requestReference: string; at: Date }) {
  return {
    messageId: input.request.messageId,
    messageDateTime: input.at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    customsRequestReference: input.requestReference,
    customsDeclarationReference: input.request.customsDeclarationReference,
    state: "ENR",
    stateLabel: "Demande d'invalidation enregistrée (simulateur)",
  };
}

/** Then the declaration's new state: invalidated. */
export function invalidationResponseH7(input: { request: InvalidationRequest; requestReference: string; lrn: string; mrn: string | null; at: Date }) {
  return {
    messageId: input.request.messageId,
    messageDateTime: input.at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    lrn: input.lrn,
    customsDeclarationReference: input.request.customsDeclarationReference,
    customsRequestReference: input.requestReference,
    mrn: input.mrn,
    state: "INV",
    stateLabel: "Déclaration invalidée (simulateur)",
  };
}

export function alreadyInvalidated(request: InvalidationRequest, lrn: string): ErrorH7 {
  return {
    messageId: request.messageId,
    lrn,
    errors: [
      {
        errorType: "FUNCTIONAL",
        errorCode: "H7_NAT_001",
        errorPointer: "/customsDeclarationReference",
        errorDescription: `La déclaration ${request.customsDeclarationReference} est déjà invalidée.`,
      },
    ],
  };
}

export const CALLBACK_PATHS = {
  response: (reference: string) => `/declarations/${encodeURIComponent(reference)}/reponses`,
  error: () => "/declarations/erreurs",
  registration: (requestReference: string) => `/demandes/${encodeURIComponent(requestReference)}/enregistrement`,
} as const;

/** The invalidation response follows the registration by this much (the sweep delivers it if the first send is not done by then). */
export const INVALIDATION_AFTER_MS = 2_000;

/** Backoff of the deliveries: after attempt n (1-based), the next is this many ms later; then FAILED. */
export const DELIVERY_BACKOFF_MS = [5_000, 30_000, 120_000, 600_000] as const;
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_BACKOFF_MS.length + 1;

/** Retry only what may pass later: no answer, or a 5xx. A 4xx is the operator's refusal: FAILED at once. */
export function shouldRetry(status: number | null): boolean {
  return status === null || status >= 500;
}

export function nextAttemptDelayMs(attemptsMade: number): number | null {
  return attemptsMade < MAX_DELIVERY_ATTEMPTS ? (DELIVERY_BACKOFF_MS[attemptsMade - 1] ?? null) : null;
}
