"use server";
/** Server action of the test callbacks: session → service (policy, checks, send, history) → revalidate. */
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { sendTestCallback, type SentCallback } from "./service";
import { resendCustomsCallback } from "../dh7/relay";

export async function sendTestCallbackAction(accountId: string, apiCode: string): Promise<ActionResult<SentCallback>> {
  const actor = await getCurrentUser();
  if (!actor) return fail("Votre session a expiré : reconnectez-vous.");
  const result = await sendTestCallback(actor, accountId, apiCode);
  if (result.ok) {
    revalidatePath(`/comptes-api/${accountId}`);
    revalidatePath("/douane/demandes", "layout");
  }
  return result;
}

/** « Renvoyer » a customs callback (DeltaH7 response or error) that failed. */
export async function resendCustomsCallbackAction(callbackId: string): Promise<ActionResult<{ status: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail("Votre session a expiré : reconnectez-vous.");
  const result = await resendCustomsCallback(actor, callbackId);
  if (result.ok) revalidatePath("/comptes-api/[id]", "page");
  return result;
}
