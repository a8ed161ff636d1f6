/**
 * Empties every table (keeps the schema and the migrations table), on either engine. Used by
 * scenarios and tests. Kept as well: sessions — a scenario recreates the demo people with their
 * ids, and they stay signed in (a session of someone the scenario does not recreate finds no user
 * and is refused) — and leases, one of which the scenario load itself holds.
 */
import type { PrismaClient } from "../generated/prisma/client";
import { providerOf, databaseUrl } from "../lib/db-url";

const KEPT = ["_prisma_migrations", "UserSession", "Lease"];
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function wipeDatabase(prisma: PrismaClient): Promise<void> {
  if (providerOf(databaseUrl()) === "postgresql") {
    const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN (${KEPT.map((t) => `'${t}'`).join(", ")})`,
    );
    if (tables.length > 0) await prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => quote(t.name)).join(", ")}`);
    return;
  }
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN (${KEPT.map((t) => `'${t}'`).join(", ")})`,
  );
  await prisma.$transaction([
    prisma.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON"),
    ...tables.map((t) => prisma.$executeRawUnsafe(`DELETE FROM ${quote(t.name)}`)),
  ]);
}
