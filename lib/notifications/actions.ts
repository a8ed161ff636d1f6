"use server";
/** Server actions of the outbox: session → service (policy) → revalidate. */
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { retryMessage } from "./relay";
import { markAllMessagesRead, markMessageRead } from "./reads";

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

export async function markMessageReadAction(messageId: string): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail("Votre session a expiré : reconnectez-vous.");
  const result = await markMessageRead(actor, messageId);
  if (result.ok) revalidatePath("/", "layout"); // the header's count
  return result;
}

export async function markAllMessagesReadAction(): Promise<ActionResult<{ marked: number }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail("Votre session a expiré : reconnectez-vous.");
  const result = await markAllMessagesRead(actor);
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
