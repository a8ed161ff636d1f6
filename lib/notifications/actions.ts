"use server";
/** Server actions of the outbox: session → service (policy) → revalidate. */
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { retryMessage } from "./relay";

export async function retryMessageAction(messageId: string): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail("Votre session a expiré : reconnectez-vous.");
  const result = await retryMessage(actor, messageId);
  if (result.ok) {
    revalidatePath("/douane/courriels");
    revalidatePath("/messages");
  }
  return result;
}
