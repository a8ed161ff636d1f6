/** Reads of the CERTIFICATION tab: attachment requests on the actor's SIRETs. */
import { db } from "../db";
import { canManageCompanyPeople, managedEstablishmentsWhere, type Actor } from "../authorization";

export async function listAttachmentRequests(actor: Actor) {
  if (!canManageCompanyPeople(actor)) return [];
  const rows = await db().attachmentRequest.findMany({
    where: { establishment: managedEstablishmentsWhere(actor) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      message: true,
      createdAt: true,
      decidedAt: true,
      user: { select: { id: true, name: true, email: true } },
      establishment: {
        select: {
          siret: true,
          company: { select: { name: true } },
          correspondents: { select: { userId: true } },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    message: r.message,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    userName: r.user.name,
    userEmail: r.user.email,
    siret: r.establishment.siret,
    companyName: r.establishment.company.name,
    isCorrespondent: r.establishment.correspondents.some((c) => c.userId === r.user.id),
  }));
}

export type AttachmentRow = Awaited<ReturnType<typeof listAttachmentRequests>>[number];
