/**
 * `npm run db:backup [-- <destination.db>]` — a consistent copy of the SQLite database while the
 * console keeps serving writes (SQLite's online backup API through better-sqlite3), then an
 * integrity check of the copy. Default destination: backups/console-<UTC timestamp>.db
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { loadLocalEnv } from "../lib/env-file";
import { databaseUrl } from "../lib/db-url";

async function main() {
  loadLocalEnv();
  const source = databaseUrl().replace(/^file:/, "");
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+/, "");
  const destination = process.argv[2] ?? path.join("backups", `console-${stamp}.db`);
  mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });

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
  console.log(`Sauvegarde cohérente écrite dans ${destination}`);
}

main().catch((error) => {
  console.error(`Sauvegarde impossible : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
