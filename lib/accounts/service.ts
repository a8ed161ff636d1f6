/**
 * Writes of the accounts area. Every function takes the acting user, checks the policy,
 * re-validates the input with the shared zod schema and enforces SPEC's rules on the server.
 * No Next.js imports: integration tests call these directly against a real database.
 */
import { db } from "../db";
import { now } from "../clock";
import { hashPassword, verifyPassword } from "../auth/password";
import { recordAudit } from "../audit/audit";
import { canManageAccounts, findManagedAccountId, findManagedEstablishment, type Actor } from "../authorization";
import { fail, INVALID_FORM_MESSAGE, zodFieldErrors, type ActionResult } from "../action-result";
import { uniqueViolationFields } from "../db-errors";
import { accountContext, enqueueNotification } from "../notifications/outbox";
import { requestDelivery } from "../notifications/relay";
import { changeEmailSchema, changePasswordSchema, confirmsDeletion, createAccountSchema, deleteAccountSchema } from "./schema";

export const MESSAGES = {
  forbidden: "Seul un correspondant entreprise peut créer ou modifier un compte API.",
  siretNotInScope:
    "Vous n'êtes pas habilité sur ce SIRET. Demandez à un correspondant de ce SIRET de vous nommer (menu ADMINISTRATION).",
  siretTaken: "Un compte API existe déjà pour ce SIRET.",
  identifiantTaken: "Cet identifiant est déjà utilisé par un autre compte API.",
  sameEmail: "C'est déjà l'email de ce compte.",
  samePassword: "Le nouveau mot de passe doit être différent du mot de passe actuel.",
  notFound: "Ce compte API est introuvable.",
  confirmationMismatch: "L'identifiant saisi ne correspond pas : recopiez exactement l'identifiant du compte à supprimer.",
} as const;

function duplicateResult(error: unknown) {
  const fields = uniqueViolationFields(error);
  if (!fields) return null;
  if (fields.some((f) => /establishment/i.test(f))) return fail(MESSAGES.siretTaken, { siret: [MESSAGES.siretTaken] });
  if (fields.some((f) => /identifiant/i.test(f))) return fail(MESSAGES.identifiantTaken, { identifiant: [MESSAGES.identifiantTaken] });
  return fail(MESSAGES.siretTaken);
}

export async function createApiAccount(actor: Actor, raw: unknown): Promise<ActionResult<{ id: string; identifiant: string }>> {
  if (!canManageAccounts(actor)) return fail(MESSAGES.forbidden);
  const parsed = createAccountSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const input = parsed.data;

  const establishment = await findManagedEstablishment(actor, input.siret);
  if (!establishment) return fail(MESSAGES.siretNotInScope, { siret: [MESSAGES.siretNotInScope] });

  // Friendly early answers; the unique indexes below settle races.
  const identifiantKey = input.identifiant.toLowerCase();
  const [bySiret, byIdentifiant] = await Promise.all([
    db().apiAccount.findUnique({ where: { establishmentId: establishment.id }, select: { id: true } }),
    db().apiAccount.findUnique({ where: { identifiantKey }, select: { id: true } }),
  ]);
  if (bySiret) return fail(MESSAGES.siretTaken, { siret: [MESSAGES.siretTaken] });
  if (byIdentifiant) return fail(MESSAGES.identifiantTaken, { identifiant: [MESSAGES.identifiantTaken] });

  const passwordHash = await hashPassword(input.password);
  const at = now();
  try {
    const account = await db().$transaction(async (tx) => {
      const created = await tx.apiAccount.create({
        data: {
          identifiant: input.identifiant,
          identifiantKey,
          email: input.email,
          establishmentId: establishment.id,
          passwordHash,
          createdAt: at,
          passwordChangedAt: at,
          createdById: actor.id,
        },
        select: { id: true, identifiant: true },
      });
      await recordAudit(
        {
          actor,
          action: "ACCOUNT_CREATED",
          apiAccountId: created.id,
          siret: establishment.siret,
          details: { identifiant: created.identifiant, email: input.email },
        },
        tx,
      );
      return created;
    });
    return { ok: true, message: `Le compte API « ${account.identifiant} » a été créé.`, data: account };
  } catch (error) {
    const duplicate = duplicateResult(error);
    if (duplicate) return duplicate;
    throw error;
  }
}

async function managedAccount(actor: Actor, accountId: string) {
  if (!canManageAccounts(actor)) return null;
  try {
    const id = await findManagedAccountId(actor, accountId);
    // Gone since (a concurrent deletion): not found, like an id outside the scope.
    return await db().apiAccount.findUnique({
      where: { id },
      select: { id: true, identifiant: true, email: true, passwordHash: true, establishment: { select: { siret: true } } },
    });
  } catch {
    return null;
  }
}

export async function changeAccountEmail(actor: Actor, accountId: string, raw: unknown): Promise<ActionResult<{ email: string }>> {
  if (!canManageAccounts(actor)) return fail(MESSAGES.forbidden);
  const account = await managedAccount(actor, accountId);
  if (!account) return fail(MESSAGES.notFound);
  const parsed = changeEmailSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const email = parsed.data.email;
  if (email === account.email) {
    return fail(MESSAGES.sameEmail, { email: [MESSAGES.sameEmail] });
  }
  const at = now();
  await db().$transaction(async (tx) => {
    await tx.apiAccount.update({ where: { id: account.id }, data: { email, updatedAt: at } });
    await recordAudit(
      { actor, action: "ACCOUNT_EMAIL_CHANGED", apiAccountId: account.id, siret: account.establishment.siret, details: { from: account.email, to: email } },
      tx,
    );
    // Notified: the new address (the account's now), the SIRET's correspondents, and the old address.
    const context = await accountContext(tx, account.id);
    return enqueueNotification(tx, context, { kind: "EMAIL_CHANGED", account: context.ref, from: account.email, to: email, at }, [account.email]);
  });
  requestDelivery();
  return { ok: true, message: `L'email du compte est maintenant ${email}.`, data: { email } };
}

export async function changeAccountPassword(actor: Actor, accountId: string, raw: unknown): Promise<ActionResult> {
  if (!canManageAccounts(actor)) return fail(MESSAGES.forbidden);
  const account = await managedAccount(actor, accountId);
  if (!account) return fail(MESSAGES.notFound);
  const parsed = changePasswordSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  if (await verifyPassword(account.passwordHash, parsed.data.password)) {
    return fail(MESSAGES.samePassword, { password: [MESSAGES.samePassword] });
  }
  const passwordHash = await hashPassword(parsed.data.password);
  const at = now();
  await db().$transaction(async (tx) => {
    // SPEC: a password change takes effect immediately — every token of the account dies with it:
    // revoked here, and (for a grant that verified the old password and is still inserting its
    // tokens) dead anyway, because they carry the credentials version this update moves on.
    await tx.apiAccount.update({
      where: { id: account.id },
      data: { passwordHash, passwordChangedAt: at, updatedAt: at, credentialsVersion: { increment: 1 } },
    });
    const revoked = await tx.oAuthToken.updateMany({ where: { apiAccountId: account.id, revokedAt: null }, data: { revokedAt: at } });
    await recordAudit(
      { actor, action: "ACCOUNT_PASSWORD_CHANGED", apiAccountId: account.id, siret: account.establishment.siret, details: { revokedTokenCount: revoked.count } },
      tx,
    );
    const context = await accountContext(tx, account.id);
    return enqueueNotification(tx, context, { kind: "PASSWORD_CHANGED", account: context.ref, at });
  });
  requestDelivery();
  return {
    ok: true,
    message: "Le mot de passe a été changé. Il est effectif immédiatement : l'ancien ne permet plus d'obtenir de jeton.",
    data: undefined,
  };
}

/**
 * "Supprimer le compte API" (correspondents of its SIRET): once the identifiant is typed back, in
 * one transaction — the notification is written while the account can still be named, the audit
 * event keeps what ended (habilitations, live tokens, pending requests), then the row goes and
 * with it (foreign keys, cascade) its tokens, habilitations, requests, per-API data, callbacks and
 * tester runs. Its tokens are refused at once: the token rows are gone, and the bearer cache
 * (lib/oauth/access-cache.ts) follows the database version, which this commit moves. The SIRET can
 * then receive a new account (ApiAccount.establishmentId is unique). Messages and audit events keep
 * the history (no foreign key).
 */
export async function deleteApiAccount(actor: Actor, accountId: string, raw: unknown): Promise<ActionResult<{ identifiant: string }>> {
  if (!canManageAccounts(actor)) return fail(MESSAGES.forbidden);
  const account = await managedAccount(actor, accountId);
  if (!account) return fail(MESSAGES.notFound);
  const parsed = deleteAccountSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  if (!confirmsDeletion(parsed.data.confirmation, account.identifiant)) {
    return fail(MESSAGES.confirmationMismatch, { confirmation: [MESSAGES.confirmationMismatch] });
  }
  const at = now();
  const deleted = await db().$transaction(async (tx) => {
    // First a write on the row (it also ends every credential at once): a concurrent deletion or
    // rename waits for it, then finds nothing and writes nothing.
    const claimed = await tx.apiAccount.updateMany({ where: { id: account.id, identifiant: account.identifiant }, data: { credentialsVersion: { increment: 1 } } });
    if (claimed.count !== 1) return false;
    const [habilitations, liveTokens, pendingRequests, runs] = await Promise.all([
      tx.habilitation.findMany({ where: { apiAccountId: account.id, revokedAt: null }, select: { api: { select: { name: true, position: true } } } }),
      tx.oAuthToken.count({ where: { apiAccountId: account.id, revokedAt: null, expiresAt: { gt: at } } }),
      tx.habilitationRequest.count({ where: { apiAccountId: account.id, status: { in: ["SUBMITTED", "PARTIALLY_APPROVED"] }, items: { some: { decision: "PENDING" } } } }),
      tx.tokenTestRun.findMany({ where: { apiAccountId: account.id }, select: { id: true } }),
    ]);
    const ended = habilitations.sort((a, b) => a.api.position - b.api.position).map((h) => h.api.name);
    const context = await accountContext(tx, account.id);
    await enqueueNotification(tx, context, { kind: "ACCOUNT_DELETED", account: context.ref, by: actor.email, endedHabilitations: ended, revokedTokenCount: liveTokens, at });
    await recordAudit(
      {
        actor,
        action: "ACCOUNT_DELETED",
        apiAccountId: account.id,
        siret: account.establishment.siret,
        details: { identifiant: account.identifiant, email: account.email, endedHabilitations: ended, revokedTokenCount: liveTokens, withdrawnRequestCount: pendingRequests },
      },
      tx,
    );
    // The refresh tokens a tester run kept for « Rafraîchir » go with the runs.
    if (runs.length > 0) await tx.tokenTestSecret.deleteMany({ where: { runId: { in: runs.map((r) => r.id) } } });
    await tx.apiAccount.delete({ where: { id: account.id } });
    return true;
  });
  if (!deleted) return fail(MESSAGES.notFound);
  requestDelivery();
  return { ok: true, message: `Le compte API « ${account.identifiant} » a été supprimé. Le SIRET peut recevoir un nouveau compte.`, data: { identifiant: account.identifiant } };
}
