"use server";
/** Server actions of the token tester: session → service. The password never comes back. */
import { revalidatePath } from "next/cache";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { refreshTokenTestForActor, runTokenTestForActor } from "./service";
import type { RefreshReport, TokenTestReport } from "./report";

const SESSION_EXPIRED = "Votre session a expiré : reconnectez-vous.";

export async function runTokenTestAction(input: unknown): Promise<ActionResult<TokenTestReport>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await runTokenTestForActor(actor, input);
  if (result.ok) revalidatePath("/outils/testeur-jeton");
  return result;
}

export async function refreshTokenTestAction(runId: string): Promise<ActionResult<RefreshReport>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  return refreshTokenTestForActor(actor, runId);
}
