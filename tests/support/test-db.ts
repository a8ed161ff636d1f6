/**
 * A real, temporary SQLite database for integration tests: the committed migrations applied
 * to a fresh file, the demo data loaded, DATABASE_URL pointed at it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { seedDemo } from "@/prisma/demo-data";
import { wipeDatabase } from "@/prisma/wipe";

const MIGRATIONS = path.resolve(__dirname, "../../prisma/migrations");

export function applyMigrations(file: string): void {
  const sqlite = new Database(file);
  try {
    for (const dir of readdirSync(MIGRATIONS).filter((d) => /^\d+_/.test(d)).sort()) {
      sqlite.exec(readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));
    }
  } finally {
    sqlite.close();
  }
}

export async function createTestDatabase(): Promise<{ file: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "console-test-"));
  const file = path.join(dir, "test.db");
  applyMigrations(file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
  await seedDemo(db());
  return {
    file,
    dispose: async () => {
      await db().$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Back to the demo data only (between tests of one file). */
export async function resetToDemo(): Promise<void> {
  await wipeDatabase(db());
  await seedDemo(db());
}

/**
 * One temporary database for the whole test file: created before its first test, deleted after
 * its last. `onReady` receives the file's path, for tests that open it themselves.
 */
export function withTestDatabase(onReady?: (file: string) => void): void {
  let dispose: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await createTestDatabase();
    dispose = created.dispose;
    onReady?.(created.file);
  });
  afterAll(() => dispose?.());
}
