"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { nameCorrespondent, removeCorrespondent } from "./service";

const SESSION_EXPIRED = "Votre session a expiré : reconnectez-vous.";

export async function nameCorrespondentAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await nameCorrespondent(actor, input);
  if (result.ok) revalidatePath("/administration");
  return result;
}

export async function removeCorrespondentAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await removeCorrespondent(actor, input);
  if (result.ok) revalidatePath("/administration");
  return result;
}
