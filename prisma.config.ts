import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "./lib/db-url";

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

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  async adapter() {
    return multiStatementShadow(new PrismaBetterSQLite3({ url: databaseUrl() }));
  },
});
