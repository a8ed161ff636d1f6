/**
 * Reads the e2e server's database directly (assertions on what was stored), on either engine:
 * SQL written with "quoted" identifiers and `?` placeholders runs on both.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { pgConfig } from "../../prisma/pg-config";

export function e2eDatabaseUrl(): string {
  return process.env.E2E_DATABASE_URL || "file:./.tmp/e2e.db";
}

export const onPostgres = () => /^postgres(ql)?:\/\//.test(e2eDatabaseUrl());

export async function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  const url = e2eDatabaseUrl();
  if (onPostgres()) {
    const client = new pg.Client(pgConfig(url));
    await client.connect();
    try {
      let n = 0;
      return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
