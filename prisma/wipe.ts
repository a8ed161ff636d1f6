/** Empties every table (keeps the schema and the migrations table). Used by scenarios and tests. */
import type { PrismaClient } from "../generated/prisma/client";

export async function wipeDatabase(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'",
  );
  await prisma.$transaction([
    prisma.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON"),
    ...tables.map((t) => prisma.$executeRawUnsafe(`DELETE FROM "${t.name.replace(/"/g, '""')}"`)),
  ]);
}
