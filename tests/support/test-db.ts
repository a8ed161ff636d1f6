/**
 * A real, temporary database for integration tests, on the engine of the run:
 *  - SQLite (default): the committed migrations applied to a fresh file;
 *  - PostgreSQL when TEST_PG_ADMIN_URL is set (scripts/test.sh starts a throwaway cluster): a
 *    fresh database on it, the committed PostgreSQL migrations applied, dropped afterwards.
 * The demo data is loaded and DATABASE_URL pointed at it.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { closeDb, db } from "@/lib/db";
import { changesReady } from "@/lib/db-changes";
import { pgConfig } from "@/prisma/pg-config";
import { seedDemo } from "@/prisma/demo-data";
import { wipeDatabase } from "@/prisma/wipe";

const MIGRATIONS = path.resolve(__dirname, "../../prisma/migrations");
const PG_MIGRATIONS = path.resolve(__dirname, "../../prisma/postgres/migrations");

export type TestEngine = "sqlite" | "postgresql";

export function testEngine(): TestEngine {
  return process.env.TEST_PG_ADMIN_URL ? "postgresql" : "sqlite";
}

function migrationFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((d) => /^\d+_/.test(d))
    .sort()
    .map((d) => readFileSync(path.join(dir, d, "migration.sql"), "utf8"));
}

export function applyMigrations(file: string): void {
  const sqlite = new Database(file);
  try {
    for (const sql of migrationFiles(MIGRATIONS)) sqlite.exec(sql);
  } finally {
    sqlite.close();
  }
}

/** A fresh PostgreSQL database with the migrations applied; returns its URL. */
export async function createPgDatabase(prefix = "console_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client(pgConfig(adminUrl));
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = `${adminUrl.replace(/\/[^/]*$/, "")}/${name}`;
  const client = new pg.Client(pgConfig(url));
  await client.connect();
  try {
    for (const sql of migrationFiles(PG_MIGRATIONS)) await client.query(sql);
  } finally {
    await client.end();
  }
  return {
    url,
    drop: async () => {
      const again = new pg.Client(pgConfig(adminUrl));
      await again.connect();
      try {
        await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.end();
      }
    },
  };
}

/** `file`: the SQLite file (SQLite runs), or the database URL (PostgreSQL runs). */
export async function createTestDatabase(): Promise<{ file: string; url: string; dispose: () => Promise<void> }> {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
  if (testEngine() === "postgresql") {
    const created = await createPgDatabase();
    process.env.DATABASE_URL = created.url;
    await changesReady(); // the LISTEN of lib/db-changes.ts is up before the first test
    await seedDemo(db());
    return {
      file: created.url,
      url: created.url,
      dispose: async () => {
        await closeDb();
        await created.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "console-test-"));
  const file = path.join(dir, "test.db");
  applyMigrations(file);
  process.env.DATABASE_URL = `file:${file}`;
  await seedDemo(db());
  return {
    file,
    url: `file:${file}`,
    dispose: async () => {
      await closeDb();
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
 * its last. `onReady` receives the SQLite file's path (or the PostgreSQL URL).
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

/** The application's tables (not Prisma's migrations table), by name, on either engine. */
export async function dataTables(): Promise<string[]> {
  const rows =
    testEngine() === "postgresql"
      ? await db().$queryRawUnsafe<{ name: string }[]>(
          "SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename",
        )
      : await db().$queryRawUnsafe<{ name: string }[]>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
        );
  return rows.map((r) => r.name);
}

/**
 * Every row of a table in its physical order (SQLite's rowid, PostgreSQL's ctid): the same
 * operations on a wiped database give the same order, which is what the determinism tests compare.
 */
export function tableRows<T = Record<string, unknown>>(name: string): Promise<T[]> {
  const order = testEngine() === "postgresql" ? "ctid" : "rowid";
  return db().$queryRawUnsafe<T[]>(`SELECT * FROM "${name.replace(/"/g, '""')}" ORDER BY ${order}`);
}
