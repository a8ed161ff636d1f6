"use server";
/** Server action of the test callbacks: session → service (policy, checks, send, history) → revalidate. */
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { sendTestCallback, type SentCallback } from "./service";

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
