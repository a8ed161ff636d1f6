import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { databaseUrl } from "./db-url";

/** Busy timeout (ms) for SQLite: concurrent writers wait instead of failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

type SqliteConnection = { prepare: (source: string) => unknown };

/**
 * Interactive transactions start with `BEGIN IMMEDIATE` (the adapter says `BEGIN`): they take the
 * write lock first, so another process committing meanwhile (a trainer's `npm run db:scenario`, a
 * script) makes them wait the busy timeout instead of failing with SQLITE_BUSY_SNAPSHOT when a
 * transaction that has read goes on to write. Within this process the adapter already runs one
 * transaction at a time. tests/integration/durability.test.ts proves it across two processes.
 */
function immediateTransactions(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const connection = (adapter as unknown as { client?: SqliteConnection }).client;
    if (typeof connection?.prepare !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 a changé : impossible d'imposer BEGIN IMMEDIATE aux transactions.");
    }
    const prepare = connection.prepare.bind(connection);
    connection.prepare = (source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source);
    return adapter;
  };
  return factory;
}

function createClient(url: string): PrismaClient {
  const adapter = immediateTransactions(new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS }));
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
