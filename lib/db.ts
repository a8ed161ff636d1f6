import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "./db-url";

/** Busy timeout (ms) for SQLite: concurrent writers wait instead of failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

function createClient(url: string): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}

type DbCache = { client?: PrismaClient; url?: string; ready?: Promise<void> };
const globalForDb = globalThis as unknown as { __consoleDb?: DbCache };
const cache: DbCache = (globalForDb.__consoleDb ??= {});

/**
 * The one Prisma client of this process (cached on globalThis so dev reloads and tests reuse it).
 * If DATABASE_URL changes (integration tests switch databases), a new client is made.
 */
export function db(): PrismaClient {
  const url = databaseUrl();
  if (!cache.client || cache.url !== url) {
    if (cache.client) void cache.client.$disconnect();
    cache.client = createClient(url);
    cache.url = url;
    const client = cache.client;
    // WAL lets readers run while one writer commits; it is persistent in the file.
    cache.ready = client.$queryRawUnsafe("PRAGMA journal_mode = WAL").then(() => undefined, () => undefined);
  }
  return cache.client;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
