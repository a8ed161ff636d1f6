/**
 * Empties every table (keeps the schema and the migrations table). Used by scenarios and tests.
 * Sessions are kept: a scenario recreates the demo people with their ids, and they stay signed in
 * (a session of someone the scenario does not recreate finds no user and is refused).
 */
import type { PrismaClient } from "../generated/prisma/client";

const KEPT = ["_prisma_migrations", "UserSession"];

export async function wipeDatabase(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN (${KEPT.map((t) => `'${t}'`).join(", ")})`,
  );
  await prisma.$transaction([
    prisma.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON"),
    ...tables.map((t) => prisma.$executeRawUnsafe(`DELETE FROM "${t.name.replace(/"/g, '""')}"`)),
  ]);
}
