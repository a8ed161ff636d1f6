"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { moveDemoClock } from "./service";

export async function moveDemoClockAction(input: unknown): Promise<ActionResult<{ offsetMs: number }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail("Votre session a expiré : reconnectez-vous.");
  const result = await moveDemoClock(actor, input);
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
