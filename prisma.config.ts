import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseProvider, databaseUrl } from "./lib/db-url";
import { migratablePg } from "./prisma/pg-migrate-fix";
import { pgConfig } from "./prisma/pg-config";

// 6.19's wasm schema engine replays each migration.sql on the shadow database through
// executeRaw(), which runs a single statement. Route parameterless SQL on the shadow
// connection to executeScript(), which runs the whole script (see shared/notes/prisma-offline.md).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function multiStatementShadow<F extends { connectToShadowDb(): Promise<any> }>(factory: F): F {
  const connect = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const conn = await connect();
    const executeRaw = conn.executeRaw.bind(conn);
    conn.executeRaw = async (q: { sql: string; args: unknown[] }) => {
      if (q.args.length === 0) {
        await conn.executeScript(q.sql);
        return 0;
      }
      return executeRaw(q);
    };
    return conn;
  };
  return factory;
}

// The engine follows DATABASE_URL (lib/db-url.ts): SQLite's schema and migrations under prisma/,
// PostgreSQL's (generated from the same source, scripts/pg-schema.mjs) under prisma/postgres/.
// PRISMA_PROVIDER=postgresql picks PostgreSQL's schema without a database (`prisma generate`).
const postgres = process.env.PRISMA_PROVIDER === "postgresql" || databaseProvider() === "postgresql";
const dir = postgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations"), seed: "tsx prisma/seed.ts" },
  async adapter() {
    return postgres ? migratablePg(pgConfig(databaseUrl())) : multiStatementShadow(new PrismaBetterSQLite3({ url: databaseUrl() }));
  },
});
