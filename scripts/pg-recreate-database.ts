/**
 * `tsx scripts/pg-recreate-database.ts <postgresql://…/name>`: drops the database of that URL (its
 * sessions closed) and creates it empty again, connecting to the server's `postgres` database with
 * the same role (it needs CREATEDB). Test servers start from it (scripts/e2e-server.sh).
 */
import pg from "pg";
import { pgConfig } from "../prisma/pg-config";

async function main() {
  const url = process.argv[2];
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Error("usage : tsx scripts/pg-recreate-database.ts postgresql://…/base");
  const config = pgConfig(url);
  const name = String(config.database);
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`nom de base refusé : ${name}`);
  const admin = new pg.Client({ ...config, database: "postgres" });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
