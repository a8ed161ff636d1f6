"use server";
/** Server actions of the habilitations area: session → service (policy + zod + rules) → revalidate. */
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import {
  cancelUrlChange,
  decideHabilitationRequest,
  revealSecret,
  revokeHabilitation,
  saveApiData,
  submitHabilitationRequest,
  withdrawHabilitationRequest,
  type SaveApiDataResult,
} from "./service";
import { addApiField, removeApiField, updateApiField, updateApiSettings } from "./catalogue";

const SESSION_EXPIRED = "Votre session a expiré : reconnectez-vous.";

function revalidateAccount(accountId: string) {
  revalidatePath(`/comptes-api/${accountId}`);
  revalidatePath("/comptes-api");
  revalidatePath("/messages");
}

export async function submitRequestAction(accountId: string, input: unknown): Promise<ActionResult<{ id: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await submitHabilitationRequest(actor, accountId, input);
  if (result.ok) {
    revalidateAccount(accountId);
    revalidatePath("/douane");
  }
  return result;
}

export async function withdrawRequestAction(accountId: string, requestId: string): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await withdrawHabilitationRequest(actor, requestId);
  if (result.ok) {
    revalidateAccount(accountId);
    revalidatePath("/douane");
  }
  return result;
}

export async function decideRequestAction(requestId: string, input: unknown): Promise<ActionResult<{ status: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await decideHabilitationRequest(actor, requestId, input);
  if (result.ok) {
    revalidatePath("/douane", "layout");
    revalidatePath("/comptes-api", "layout");
  }
  return result;
}

export async function revokeHabilitationAction(habilitationId: string, input: unknown): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await revokeHabilitation(actor, habilitationId, input);
  if (result.ok) {
    revalidatePath("/douane", "layout");
    revalidatePath("/comptes-api", "layout");
  }
  return result;
}

export async function saveApiDataAction(accountId: string, apiCode: string, input: unknown): Promise<SaveApiDataResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await saveApiData(actor, accountId, apiCode, input);
  if (result.ok) revalidateAccount(accountId);
  return result;
}

export async function cancelUrlChangeAction(accountId: string, apiCode: string, fieldKey: string): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await cancelUrlChange(actor, accountId, apiCode, fieldKey);
  if (result.ok) revalidateAccount(accountId);
  return result;
}

export async function revealSecretAction(accountId: string, apiCode: string, fieldKey: string): Promise<ActionResult<{ value: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await revealSecret(actor, accountId, apiCode, fieldKey);
  if (result.ok) revalidatePath(`/comptes-api/${accountId}`);
  return result;
}

// ---------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------

function revalidateCatalogue(apiCode: string) {
  revalidatePath("/douane/catalogue");
  revalidatePath(`/douane/catalogue/${apiCode}`);
  revalidatePath("/comptes-api", "layout");
}

export async function updateApiSettingsAction(apiCode: string, input: unknown): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await updateApiSettings(actor, apiCode, input);
  if (result.ok) revalidateCatalogue(apiCode);
  return result;
}

export async function addApiFieldAction(apiCode: string, input: unknown): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await addApiField(actor, apiCode, input);
  if (result.ok) revalidateCatalogue(apiCode);
  return result;
}

export async function updateApiFieldAction(apiCode: string, fieldKey: string, input: unknown): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await updateApiField(actor, apiCode, fieldKey, input);
  if (result.ok) revalidateCatalogue(apiCode);
  return result;
}

export async function removeApiFieldAction(apiCode: string, fieldKey: string): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await removeApiField(actor, apiCode, fieldKey);
  if (result.ok) revalidateCatalogue(apiCode);
  return result;
}
