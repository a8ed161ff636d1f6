/** Database-backed authorisation checks; the rules themselves live in ./policy.ts. */
import { Prisma } from "@/generated/prisma/client";
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

/**
 * The SIRETs of a correspondent's scope as an SQL subquery (both engines): no bound parameter per
 * SIRET — a correspondent may manage thousands, past the engines' parameter limits (Prisma P2029).
 */
export function scopeSiretsSql(actor: Actor): Prisma.Sql {
  if (actor.role !== "CORRESPONDENT") return Prisma.sql`SELECT NULL WHERE 1 = 0`;
  return Prisma.sql`SELECT e."siret" FROM "Establishment" e JOIN "CorrespondentScope" c ON c."establishmentId" = e."id" WHERE c."userId" = ${actor.id}`;
}

/** SQL condition on an outbox message `m`: one the actor may read (about a SIRET of their scope). */
export function readableMessageSql(actor: Actor): Prisma.Sql {
  if (!canReadMessages(actor)) return Prisma.sql`1 = 0`;
  return Prisma.sql`m."siret" IN (${scopeSiretsSql(actor)})`;
}
