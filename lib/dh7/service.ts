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
import { CALLBACK_PATHS, creationH7Schema, declarationReference, errorsOf, lrnAlreadyUsed, mrnFor, responseH7, type CreationH7 } from "./messages";
import { deliverCustomsCallbacks } from "./relay";

export const MAX_MESSAGE_BYTES = 32 * 1024;
const API_CODE = "DELTA_H7";

/** Tests: wait for the delivery that follows the acknowledgement. */
let lastDelivery: Promise<unknown> = Promise.resolve();
export function lastDeliveryDone(): Promise<unknown> {
  return lastDelivery;
}

function technicalError(status: number, errors: ReturnType<typeof errorsOf>, messageId: string | null = null): Response {
  return jsonResponse(status, { messageId, lrn: null, errors }, NO_STORE_HEADERS);
}

async function queue(accountId: string, declaration: CreationH7): Promise<{ reference: string; callbackId: string; accepted: boolean }> {
  const at = now();
  const reference = declarationReference(at, randomBytes(12));
  const body = { messageId: declaration.messageId, lrn: declaration.lrn, customsDeclarationReference: reference };
  try {
    const mrn = mrnFor(at, randomBytes(12));
    const callbackId = await db().$transaction(async (tx) => {
      await tx.dh7Declaration.create({
        data: { apiAccountId: accountId, messageId: body.messageId, lrn: body.lrn, lrnKey: body.lrn, customsDeclarationReference: reference, state: "ACC", mrn, receivedAt: at },
      });
      const callback = await tx.customsCallback.create({
        data: { apiAccountId: accountId, apiCode: API_CODE, kind: "RESPONSE", path: CALLBACK_PATHS.response(reference), body: JSON.stringify(responseH7({ declaration, reference, mrn, at })), nextAttemptAt: at, createdAt: at },
        select: { id: true },
      });
      return callback.id;
    });
    return { reference, callbackId, accepted: true };
  } catch (error) {
    if (uniqueViolationFields(error) === null) throw error;
  }
  // The LRN was used already: a functional error, answered by callback as customs does.
  const callbackId = await db().$transaction(async (tx) => {
    await tx.dh7Declaration.create({
      data: { apiAccountId: accountId, messageId: body.messageId, lrn: body.lrn, lrnKey: null, customsDeclarationReference: reference, state: "ERR", mrn: null, receivedAt: at },
    });
    const callback = await tx.customsCallback.create({
      data: { apiAccountId: accountId, apiCode: API_CODE, kind: "ERROR", path: CALLBACK_PATHS.error(), body: JSON.stringify(lrnAlreadyUsed(declaration)), nextAttemptAt: at, createdAt: at },
      select: { id: true },
    });
    return callback.id;
  });
  return { reference, callbackId, accepted: false };
}

export async function receiveDeclaration(account: { id: string; identifiant: string }, request: Request): Promise<Response> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES) {
    return technicalError(413, [{ errorType: "TECHNICAL", errorCode: "H7_TEC_003", errorPointer: "", errorDescription: `Message trop volumineux (${MAX_MESSAGE_BYTES} octets au plus).` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return technicalError(400, [{ errorType: "TECHNICAL", errorCode: "H7_TEC_000", errorPointer: "", errorDescription: "Le corps n'est pas un JSON valide (Creation_H7 attendu)." }]);
  }
  const parsed = creationH7Schema.safeParse(json);
  if (!parsed.success) {
    const messageId = typeof (json as { messageId?: unknown })?.messageId === "string" ? String((json as { messageId: string }).messageId).slice(0, 35) : null;
    return technicalError(400, errorsOf(parsed.error.issues), messageId);
  }
  const { reference, callbackId, accepted } = await queue(account.id, parsed.data);
  // Delivered right away (the sweep retries what fails); the acknowledgement does not wait for it.
  lastDelivery = deliverCustomsCallbacks({ ids: [callbackId] }).catch((error: unknown) =>
    log.error("customs_callback_error", { id: callbackId, error: error instanceof Error ? error.message : "inconnue" }),
  );
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
