/**
 * POST /dh7/declarations/creer on the simulated DeltaH7 API (an account habilitated on DeltaH7,
 * checked by lib/oauth/resource.ts before this is called): the Creation_H7 message validated
 * (./messages.ts), the declaration kept, the acknowledgement answered at once (202), and the
 * callback customs owes — a Response_H7 for a new LRN, an Error_H7 for an LRN already used — queued
 * in the same transaction (CustomsCallback) and delivered right after by ./relay.ts (the sweep
 * retries). A message that does not parse is answered 400 with its Error_H7 at once: nothing kept.
 */
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { now } from "../clock";
import { log } from "../log";
import { uniqueViolationFields } from "../db-errors";
import { jsonResponse, NO_STORE_HEADERS } from "../oauth/http";
import {
  CALLBACK_PATHS,
  DH7_API_CODE,
  INVALIDATION_AFTER_MS,
  alreadyInvalidated,
  creationH7Schema,
  declarationReference,
  errorsOf,
  invalidationResponseH7,
  invalidationSchema,
  lrnAlreadyUsed,
  mrnFor,
  registrationH7,
  requestReference,
  responseH7,
  type CreationH7,
} from "./messages";
import { CLAIM_MS, CUSTOMS_CALLBACK_ROW, deliverCustomsCallbacks, deliverOwnClaim, type CustomsCallbackRow } from "./relay";

export const MAX_MESSAGE_BYTES = 32 * 1024;
const API_CODE = DH7_API_CODE;

/** Tests: wait for the delivery that follows the acknowledgement. */
let lastDelivery: Promise<unknown> = Promise.resolve();
export function lastDeliveryDone(): Promise<unknown> {
  return lastDelivery;
}

function technicalError(status: number, errors: ReturnType<typeof errorsOf>, messageId: string | null = null): Response {
  return jsonResponse(status, { messageId, lrn: null, errors }, NO_STORE_HEADERS);
}

async function queue(accountId: string, declaration: CreationH7): Promise<{ reference: string; callback: CustomsCallbackRow; accepted: boolean }> {
  const at = now();
  const reference = declarationReference(at, randomBytes(12));
  const body = { messageId: declaration.messageId, lrn: declaration.lrn, customsDeclarationReference: reference };
  // The callback row is created claimed by this process, which delivers it at once (deliverOwnClaim).
  const claimedUntil = new Date(at.getTime() + CLAIM_MS);
  try {
    const mrn = mrnFor(at, randomBytes(12));
    const [, callback] = await db().$transaction([
      db().dh7Declaration.create({
        data: { apiAccountId: accountId, messageId: body.messageId, lrn: body.lrn, lrnKey: body.lrn, customsDeclarationReference: reference, state: "ACC", mrn, receivedAt: at },
        select: { id: true },
      }),
      db().customsCallback.create({
        data: { apiAccountId: accountId, apiCode: API_CODE, kind: "RESPONSE", path: CALLBACK_PATHS.response(reference), body: JSON.stringify(responseH7({ declaration, reference, mrn, at })), nextAttemptAt: at, createdAt: at, claimedUntil },
        select: CUSTOMS_CALLBACK_ROW,
      }),
    ]);
    return { reference, callback, accepted: true };
  } catch (error) {
    if (uniqueViolationFields(error) === null) throw error;
  }
  // The LRN was used already: a functional error, answered by callback as customs does.
  const [, callback] = await db().$transaction([
    db().dh7Declaration.create({
      data: { apiAccountId: accountId, messageId: body.messageId, lrn: body.lrn, lrnKey: null, customsDeclarationReference: reference, state: "ERR", mrn: null, receivedAt: at },
      select: { id: true },
    }),
    db().customsCallback.create({
      data: { apiAccountId: accountId, apiCode: API_CODE, kind: "ERROR", path: CALLBACK_PATHS.error(), body: JSON.stringify(lrnAlreadyUsed(declaration)), nextAttemptAt: at, createdAt: at, claimedUntil },
      select: CUSTOMS_CALLBACK_ROW,
    }),
  ]);
  return { reference, callback, accepted: false };
}

/** The body as JSON, or the technical Error_H7 response that refuses it. */
async function readJson(request: Request, expected: string): Promise<{ json: unknown } | { response: Response }> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) {
    return { response: technicalError(413, [{ errorType: "TECHNICAL", errorCode: "H7_TEC_003", errorPointer: "", errorDescription: `Message trop volumineux (${MAX_MESSAGE_BYTES} octets au plus).` }]) };
  }
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { response: technicalError(400, [{ errorType: "TECHNICAL", errorCode: "H7_TEC_000", errorPointer: "", errorDescription: `Le corps n'est pas un JSON valide (${expected} attendu).` }]) };
  }
}

const messageIdOf = (json: unknown) => (typeof (json as { messageId?: unknown })?.messageId === "string" ? String((json as { messageId: string }).messageId).slice(0, 35) : null);

function deliverSoon(ids: string[]): void {
  lastDelivery = deliverCustomsCallbacks({ ids }).catch((error: unknown) => log.error("customs_callback_error", { ids, error: error instanceof Error ? error.message : "inconnue" }));
}

export async function receiveDeclaration(account: { id: string; identifiant: string }, request: Request): Promise<Response> {
  const read = await readJson(request, "Creation_H7");
  if ("response" in read) return read.response;
  const json = read.json;
  const parsed = creationH7Schema.safeParse(json);
  if (!parsed.success) return technicalError(400, errorsOf(parsed.error.issues), messageIdOf(json));
  const { reference, callback, accepted } = await queue(account.id, parsed.data);
  // Delivered right away (the sweep retries what fails); the acknowledgement does not wait for it.
  lastDelivery = deliverOwnClaim(callback);
  return jsonResponse(
    202,
    {
      messageId: parsed.data.messageId,
      lrn: parsed.data.lrn,
      customsDeclarationReference: reference,
      receivedAt: now().toISOString(),
      status: "RECEIVED",
      callback: accepted
        ? `Response_H7 envoyée à {url active}${CALLBACK_PATHS.response(reference)}`
        : `Error_H7 envoyée à {url active}${CALLBACK_PATHS.error()} (LRN déjà utilisé)`,
    },
    NO_STORE_HEADERS,
  );
}

/**
 * POST /dh7/demandes/invalider: invalidating an accepted declaration of this account. Acknowledged
 * at once (202, with the customsRequestReference); customs then calls back the registration of the
 * request ({url}/demandes/{customsRequestReference}/enregistrement) and, a moment later, the
 * declaration's invalidation response (state INV) at {url}/declarations/{ref}/reponses. A
 * declaration already invalidated gets an Error_H7 H7_NAT_001 by callback; an unknown reference, 404.
 */
export async function receiveInvalidation(account: { id: string; identifiant: string }, request: Request): Promise<Response> {
  const read = await readJson(request, "demande d'invalidation");
  if ("response" in read) return read.response;
  const parsed = invalidationSchema.safeParse(read.json);
  if (!parsed.success) return technicalError(400, errorsOf(parsed.error.issues), messageIdOf(read.json));
  const invalidation = parsed.data;
  const declaration = await db().dh7Declaration.findFirst({
    where: { apiAccountId: account.id, customsDeclarationReference: invalidation.customsDeclarationReference, state: { in: ["ACC", "INV"] } },
    select: { id: true, lrn: true, mrn: true, state: true },
  });
  if (!declaration) {
    return jsonResponse(
      404,
      { messageId: invalidation.messageId, lrn: null, errors: [{ errorType: "FUNCTIONAL", errorCode: "H7_NAT_002", errorPointer: "/customsDeclarationReference", errorDescription: "Aucune déclaration acceptée de ce compte ne porte cette référence." }] },
      NO_STORE_HEADERS,
    );
  }
  const at = now();
  const reference = requestReference(at, randomBytes(12));
  const ids = await db().$transaction(async (tx) => {
    if (declaration.state === "INV") {
      const error = await tx.customsCallback.create({
        data: { apiAccountId: account.id, apiCode: API_CODE, kind: "ERROR", path: CALLBACK_PATHS.error(), body: JSON.stringify(alreadyInvalidated(invalidation, declaration.lrn)), nextAttemptAt: at, createdAt: at },
        select: { id: true },
      });
      return [error.id];
    }
    // Conditional: two invalidations at once invalidate once (the other gets the error above next time).
    const { count } = await tx.dh7Declaration.updateMany({ where: { id: declaration.id, state: "ACC" }, data: { state: "INV" } });
    if (count === 0) {
      const error = await tx.customsCallback.create({
        data: { apiAccountId: account.id, apiCode: API_CODE, kind: "ERROR", path: CALLBACK_PATHS.error(), body: JSON.stringify(alreadyInvalidated(invalidation, declaration.lrn)), nextAttemptAt: at, createdAt: at },
        select: { id: true },
      });
      return [error.id];
    }
    const registration = await tx.customsCallback.create({
      data: { apiAccountId: account.id, apiCode: API_CODE, kind: "REGISTRATION", path: CALLBACK_PATHS.registration(reference), body: JSON.stringify(registrationH7({ request: invalidation, requestReference: reference, at })), nextAttemptAt: at, createdAt: at },
      select: { id: true },
    });
    const later = new Date(at.getTime() + INVALIDATION_AFTER_MS);
    const response = await tx.customsCallback.create({
      data: {
        apiAccountId: account.id,
        apiCode: API_CODE,
        kind: "INVALIDATION",
        path: CALLBACK_PATHS.response(invalidation.customsDeclarationReference),
        body: JSON.stringify(invalidationResponseH7({ request: invalidation, requestReference: reference, lrn: declaration.lrn, mrn: declaration.mrn, at: later })),
        nextAttemptAt: later,
        createdAt: at,
      },
      select: { id: true },
    });
    return [registration.id, response.id];
  });
  deliverSoon([ids[0]!]);
  if (ids[1]) {
    // The response a moment after the registration (the sweep sends it if this process stops first).
    const second = ids[1];
    setTimeout(() => deliverSoon([second]), INVALIDATION_AFTER_MS + 100).unref();
  }
  return jsonResponse(
    202,
    { messageId: invalidation.messageId, customsDeclarationReference: invalidation.customsDeclarationReference, customsRequestReference: ids[1] ? reference : null, receivedAt: at.toISOString(), status: "RECEIVED" },
    NO_STORE_HEADERS,
  );
}
