/** Database-backed authorisation checks; the rules themselves live in ./policy.ts. */
import { db } from "../db";
import { NotFoundError, canReadMessages, managedEstablishmentsWhere, readableAccountsWhere, type Actor } from "./policy";

export * from "./policy";

/** The API account if the actor may read it; NotFoundError otherwise (no existence leak). */
export async function findReadableAccountId(actor: Actor, accountId: string): Promise<string> {
  if (typeof accountId !== "string" || accountId.length > 64) throw new NotFoundError();
  const found = await db().apiAccount.findFirst({
    where: { AND: [{ id: accountId }, readableAccountsWhere(actor)] },
    select: { id: true },
  });
  if (!found) throw new NotFoundError();
  return found.id;
}

/** The API account if the actor manages its SIRET; NotFoundError otherwise. */
export async function findManagedAccountId(actor: Actor, accountId: string): Promise<string> {
  if (typeof accountId !== "string" || accountId.length > 64) throw new NotFoundError();
  const found = await db().apiAccount.findFirst({
    where: { id: accountId, establishment: managedEstablishmentsWhere(actor) },
    select: { id: true },
  });
  if (!found) throw new NotFoundError();
  return found.id;
}

/** The establishment of a SIRET if the actor manages it; null otherwise. */
export async function findManagedEstablishment(actor: Actor, siret: string) {
  return db().establishment.findFirst({
    where: { AND: [{ siret }, managedEstablishmentsWhere(actor)] },
    include: { company: true },
  });
}

/** The SIRETs of the actor's scope (correspondents only; empty for everyone else). */
export async function scopeSirets(actor: Actor): Promise<string[]> {
  const rows = await db().establishment.findMany({ where: managedEstablishmentsWhere(actor), select: { siret: true }, orderBy: { siret: "asc" } });
  return rows.map((r) => r.siret);
}

/** Prisma filter of the outbox messages an actor may read: those about the SIRETs of their scope. */
export async function readableMessagesWhere(actor: Actor) {
  if (!canReadMessages(actor)) return { id: { in: [] as string[] } };
  return { siret: { in: await scopeSirets(actor) } };
}
