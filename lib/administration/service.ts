/** Writes of the ADMINISTRATION tab: name or remove a correspondent of one of my SIRETs (audited). */
import { z } from "../zod";
import { db } from "../db";
import { now } from "../clock";
import { recordAudit } from "../audit/audit";
import { endUserSessions } from "../auth/sessions";
import { canManageCompanyPeople, findManagedEstablishment, type Actor } from "../authorization";
import { fail, INVALID_FORM_MESSAGE, zodFieldErrors, type ActionResult } from "../action-result";
import { candidatesFor } from "./data";
import { MIN_CORRESPONDENTS_PER_SIRET } from "./rules";

export const ADMINISTRATION_MESSAGES = {
  forbidden: "Seul un correspondant entreprise peut gérer les correspondants.",
  siretNotInScope: "Vous n'êtes pas correspondant de ce SIRET.",
  notCandidate:
    "Cette personne ne peut pas être nommée : seuls les collaborateurs dont le rattachement est certifié, ou les correspondants d'un autre établissement de l'entreprise, peuvent l'être.",
  notCorrespondent: "Cette personne n'est pas correspondante de ce SIRET.",
  lastOne: "Impossible de retirer le dernier correspondant d'un SIRET : nommez d'abord un autre correspondant.",
} as const;

const target = z.object({
  siret: z.string({ error: "SIRET manquant." }).regex(/^\d{14}$/, "SIRET invalide."),
  userId: z.string({ error: "Choisissez une personne." }).min(1, "Choisissez une personne.").max(64),
});

export async function nameCorrespondent(actor: Actor, raw: unknown): Promise<ActionResult<{ email: string }>> {
  if (!canManageCompanyPeople(actor)) return fail(ADMINISTRATION_MESSAGES.forbidden);
  const parsed = target.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const establishment = await findManagedEstablishment(actor, parsed.data.siret);
  if (!establishment) return fail(ADMINISTRATION_MESSAGES.siretNotInScope);
  const candidate = (await candidatesFor(establishment.id)).find((c) => c.id === parsed.data.userId);
  if (!candidate) return fail(ADMINISTRATION_MESSAGES.notCandidate, { userId: [ADMINISTRATION_MESSAGES.notCandidate] });

  await db().$transaction(async (tx) => {
    await tx.correspondentScope.upsert({
      where: { userId_establishmentId: { userId: candidate.id, establishmentId: establishment.id } },
      update: {},
      create: { userId: candidate.id, establishmentId: establishment.id, createdAt: now() },
    });
    if (candidate.role === "COLLABORATOR") await tx.user.update({ where: { id: candidate.id }, data: { role: "CORRESPONDENT" } });
    await recordAudit({ actor, action: "CORRESPONDENT_NAMED", siret: establishment.siret, details: { correspondent: candidate.email } }, tx);
  });
  return { ok: true, message: `${candidate.name} (${candidate.email}) est maintenant correspondant du SIRET ${establishment.siret}.`, data: { email: candidate.email } };
}

export async function removeCorrespondent(actor: Actor, raw: unknown): Promise<ActionResult<{ email: string }>> {
  if (!canManageCompanyPeople(actor)) return fail(ADMINISTRATION_MESSAGES.forbidden);
  const parsed = target.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const establishment = await findManagedEstablishment(actor, parsed.data.siret);
  if (!establishment) return fail(ADMINISTRATION_MESSAGES.siretNotInScope);
  const person = await db().user.findUnique({ where: { id: parsed.data.userId }, select: { id: true, email: true } });
  if (!person) return fail(ADMINISTRATION_MESSAGES.notCorrespondent);

  const removed = await db().$transaction(async (tx) => {
    // One statement: removes only while another correspondent remains, even under concurrent removals.
    const count = await tx.$executeRaw`
      DELETE FROM "CorrespondentScope"
      WHERE "userId" = ${person.id} AND "establishmentId" = ${establishment.id}
        AND (SELECT COUNT(*) FROM "CorrespondentScope" WHERE "establishmentId" = ${establishment.id}) > ${MIN_CORRESPONDENTS_PER_SIRET}`;
    if (count === 0) return false;
    // Rights are read fresh at every request anyway; ending the person's sessions makes the
    // removal felt at once on every open page (they sign in again, with what remains).
    const endedSessions = await endUserSessions(tx, person.id, "SCOPE_REMOVED");
    await recordAudit({ actor, action: "CORRESPONDENT_REMOVED", siret: establishment.siret, details: { correspondent: person.email, endedSessions } }, tx);
    return true;
  });
  if (!removed) {
    const still = await db().correspondentScope.findUnique({
      where: { userId_establishmentId: { userId: person.id, establishmentId: establishment.id } },
    });
    return fail(still ? ADMINISTRATION_MESSAGES.lastOne : ADMINISTRATION_MESSAGES.notCorrespondent);
  }
  return { ok: true, message: `${person.email} n'est plus correspondant du SIRET ${establishment.siret}.`, data: { email: person.email } };
}
