"use server";
/** Server actions of the accounts area: session → service (policy + zod + rules) → revalidate. */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser } from "../auth/session";
import { fail, type ActionResult } from "../action-result";
import { changeAccountEmail, changeAccountPassword, createApiAccount, deleteApiAccount } from "./service";

const SESSION_EXPIRED = "Votre session a expiré : reconnectez-vous.";

export async function createAccountAction(input: unknown): Promise<ActionResult<{ id: string; identifiant: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await createApiAccount(actor, input);
  if (!result.ok) return result;
  revalidatePath("/comptes-api");
  redirect(`/comptes-api?cree=${encodeURIComponent(result.data.identifiant)}`);
}

export async function changeEmailAction(accountId: string, input: unknown): Promise<ActionResult<{ email: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await changeAccountEmail(actor, String(accountId), input);
  if (result.ok) revalidatePath(`/comptes-api/${accountId}`);
  return result;
}

export async function changePasswordAction(accountId: string, input: unknown): Promise<ActionResult> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await changeAccountPassword(actor, String(accountId), input);
  if (result.ok) revalidatePath(`/comptes-api/${accountId}`);
  return result;
}

export async function deleteAccountAction(accountId: string, input: unknown): Promise<ActionResult<{ identifiant: string }>> {
  const actor = await getCurrentUser();
  if (!actor) return fail(SESSION_EXPIRED);
  const result = await deleteApiAccount(actor, String(accountId), input);
  if (!result.ok) return result;
  revalidatePath("/comptes-api");
  redirect(`/comptes-api?supprime=${encodeURIComponent(result.data.identifiant)}`);
}
