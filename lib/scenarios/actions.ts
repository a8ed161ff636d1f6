"use server";
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { loadScenario, type LoadedScenario } from "./service";

export async function loadScenarioAction(scenario: string): Promise<ActionResult<LoadedScenario>> {
  const actor = await getCurrentUser();
  if (!actor) return fail("Votre session a expiré : reconnectez-vous.");
  const result = await loadScenario(actor, { scenario });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
