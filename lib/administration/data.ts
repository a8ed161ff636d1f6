/** Reads of the ADMINISTRATION tab: the correspondents of each of the actor's SIRETs, and who can be named. */
import { db } from "../db";
import { canManageCompanyPeople, managedEstablishmentsWhere, type Actor } from "../authorization";
import { canBeNamedCorrespondent } from "./rules";

type Person = { id: string; name: string; email: string; role: string };

/**
 * Who may be named correspondent of an establishment: people whose attachment to it is certified,
 * and the correspondents of the company's other establishments — never someone already named.
 */
export async function candidatesFor(establishmentId: string): Promise<(Person & { reason: string })[]> {
  const establishment = await db().establishment.findUniqueOrThrow({
    where: { id: establishmentId },
    select: {
      companyId: true,
      correspondents: { select: { userId: true } },
      attachmentRequests: { where: { status: "CERTIFIED" }, select: { user: { select: { id: true, name: true, email: true, role: true } } } },
    },
  });
  const already = new Set(establishment.correspondents.map((c) => c.userId));
  const siblings = await db().correspondentScope.findMany({
    where: { establishment: { companyId: establishment.companyId, id: { not: establishmentId } } },
    select: { user: { select: { id: true, name: true, email: true, role: true } } },
  });
  const out = new Map<string, Person & { reason: string }>();
  for (const { user } of establishment.attachmentRequests) {
    if (!already.has(user.id) && canBeNamedCorrespondent(user.role)) out.set(user.id, { ...user, reason: "rattachement certifié" });
  }
  for (const { user } of siblings) {
    if (!already.has(user.id) && !out.has(user.id) && canBeNamedCorrespondent(user.role)) {
      out.set(user.id, { ...user, reason: "correspondant d'un autre établissement de l'entreprise" });
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

export async function listSiretCorrespondents(actor: Actor) {
  if (!canManageCompanyPeople(actor)) return [];
  const establishments = await db().establishment.findMany({
    where: managedEstablishmentsWhere(actor),
    orderBy: { siret: "asc" },
    select: {
      id: true,
      siret: true,
      city: true,
      company: { select: { name: true } },
      correspondents: {
        orderBy: { createdAt: "asc" },
        select: { createdAt: true, user: { select: { id: true, name: true, email: true } } },
      },
    },
  });
  return Promise.all(
    establishments.map(async (e) => ({
      siret: e.siret,
      city: e.city,
      companyName: e.company.name,
      correspondents: e.correspondents.map((c) => ({ ...c.user, since: c.createdAt, isMe: c.user.id === actor.id })),
      candidates: (await candidatesFor(e.id)).map(({ id, name, email, reason }) => ({ id, name, email, reason })),
    })),
  );
}

export type SiretCorrespondents = Awaited<ReturnType<typeof listSiretCorrespondents>>[number];
