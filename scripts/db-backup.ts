/**
 * `npm run db:backup [-- <destination>]` — a consistent copy of the database while the console
 * keeps serving writes, then a check of the copy:
 *  - SQLite: the online backup API (better-sqlite3), then `PRAGMA integrity_check`;
 *    default destination backups/console-<UTC timestamp>.db;
 *  - PostgreSQL: `pg_dump --format=custom` (one snapshot), then `pg_restore --list` reads it back;
 *    default destination backups/console-<UTC timestamp>.dump (restore: `pg_restore -d <base> <fichier>`).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { loadLocalEnv } from "../lib/env-file";
import { databaseProvider, databaseUrl } from "../lib/db-url";
import { pgConfig } from "../prisma/pg-config";

/** A PostgreSQL client tool: on PATH, else Debian's newest /usr/lib/postgresql/<v>/bin. */
function pgTool(name: string): string {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(path.join(root, v, "bin", name))) return path.join(root, v, "bin", name);
  }
  return name;
}

async function backupSqlite(destination: string): Promise<void> {
  const source = databaseUrl().replace(/^file:/, "");
  const db = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    await db.backup(destination);
  } finally {
    db.close();
  }
  const copy = new Database(destination, { readonly: true });
  try {
    const check = copy.pragma("integrity_check", { simple: true });
    if (check !== "ok") throw new Error(`Copie corrompue : ${String(check)}`);
  } finally {
    copy.close();
  }
}

function backupPostgres(destination: string): void {
  const c = pgConfig(databaseUrl());
  const env = { ...process.env, PGPASSWORD: String(c.password ?? "") };
  const args = ["-h", String(c.host), "-p", String(c.port), "-U", String(c.user)];
  execFileSync(pgTool("pg_dump"), [...args, "--format=custom", "--no-owner", "--file", destination, String(c.database)], { env, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync(pgTool("pg_restore"), ["--list", destination], { env, stdio: ["ignore", "ignore", "inherit"] });
}

async function main() {
  loadLocalEnv();
  const postgres = databaseProvider() === "postgresql";
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+/, "");
  const destination = process.argv[2] ?? path.join("backups", `console-${stamp}.${postgres ? "dump" : "db"}`);
  mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  if (postgres) backupPostgres(destination);
  else await backupSqlite(destination);
  console.log(`Sauvegarde cohérente écrite dans ${destination}`);
}

main().catch((error) => {
  console.error(`Sauvegarde impossible : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
