"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { decideAttachment } from "./service";

export async function decideAttachmentAction(id: string, decision: string): Promise<ActionResult<{ status: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail("Votre session a expiré : reconnectez-vous.");
  const result = await decideAttachment(actor, id, decision);
  if (result.ok) {
    revalidatePath("/certification");
    revalidatePath("/administration");
  }
  return result;
}
