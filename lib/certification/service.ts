/** Writes of the CERTIFICATION tab: certify / de-certify a collaborator's attachment (audited). */
import { db } from "../db";
import { now } from "../clock";
import { recordAudit } from "../audit/audit";
import { canManageCompanyPeople, managedEstablishmentsWhere, type Actor } from "../authorization";
import { fail, type ActionResult } from "../action-result";
import { canDecide, NEXT_STATUS, type AttachmentDecision } from "./rules";

export const CERTIFICATION_MESSAGES = {
  forbidden: "Seul un correspondant entreprise peut certifier les rattachements.",
  notFound: "Cette demande de rattachement est introuvable.",
  invalidDecision: "Décision inconnue.",
  alreadyDecided: "Cette demande a déjà reçu cette décision : rechargez la page.",
  isCorrespondent:
    "Cette personne est correspondante de ce SIRET : retirez-la d'abord des correspondants (menu ADMINISTRATION) avant de la décertifier.",
} as const;

export async function decideAttachment(actor: Actor, rawId: unknown, rawDecision: unknown): Promise<ActionResult<{ status: string }>> {
  if (!canManageCompanyPeople(actor)) return fail(CERTIFICATION_MESSAGES.forbidden);
  if (rawDecision !== "certify" && rawDecision !== "decertify") return fail(CERTIFICATION_MESSAGES.invalidDecision);
  const decision: AttachmentDecision = rawDecision;
  if (typeof rawId !== "string" || rawId.length > 64) return fail(CERTIFICATION_MESSAGES.notFound);

  const request = await db().attachmentRequest.findFirst({
    where: { id: rawId, establishment: managedEstablishmentsWhere(actor) },
    select: {
      id: true,
      status: true,
      userId: true,
      user: { select: { email: true } },
      establishment: { select: { id: true, siret: true } },
    },
  });
  if (!request) return fail(CERTIFICATION_MESSAGES.notFound);
  if (!canDecide(request.status, decision)) return fail(CERTIFICATION_MESSAGES.alreadyDecided);
  if (decision === "decertify") {
    const scope = await db().correspondentScope.findUnique({
      where: { userId_establishmentId: { userId: request.userId, establishmentId: request.establishment.id } },
    });
    if (scope) return fail(CERTIFICATION_MESSAGES.isCorrespondent);
  }

  const status = NEXT_STATUS[decision];
  const at = now();
  const updated = await db().$transaction(async (tx) => {
    // Conditional update: two correspondents deciding at once cannot both win.
    const result = await tx.attachmentRequest.updateMany({
      where: { id: request.id, status: request.status },
      data: { status, decidedAt: at, decidedById: actor.id },
    });
    if (result.count === 0) return false;
    await recordAudit(
      {
        actor,
        action: decision === "certify" ? "ATTACHMENT_CERTIFIED" : "ATTACHMENT_DECERTIFIED",
        siret: request.establishment.siret,
        details: { collaborator: request.user.email, from: request.status, to: status },
      },
      tx,
    );
    return true;
  });
  if (!updated) return fail(CERTIFICATION_MESSAGES.alreadyDecided);
  const verb = decision === "certify" ? "certifié" : "décertifié";
  return { ok: true, message: `Le rattachement de ${request.user.email} au SIRET ${request.establishment.siret} est ${verb}.`, data: { status } };
}
