import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import pg from "pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/generated/prisma-pg/client";
import { pgConfig } from "@/prisma/pg-config";
import { databaseUrl, providerOf, type DatabaseProvider } from "./db-url";
import { retryOnConflict, runtimePg } from "./db-pg";
import { noteLocalWrite, ownBackends } from "./db-changes";

/** Busy timeout (ms) for SQLite: concurrent writers wait instead of failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;

type SqliteConnection = { prepare: (source: string) => unknown };
type Transaction = { commit: () => Promise<void>; rollback: () => Promise<void> };
type Adapter = {
  client?: SqliteConnection;
  startTransaction: (isolationLevel?: unknown) => Promise<Transaction>;
  queryRaw: (query: unknown) => Promise<unknown>;
  executeRaw: (query: unknown) => Promise<unknown>;
  executeScript: (script: string) => Promise<void>;
};

/**
 * The adapter keeps one SQLite connection per process and runs one interactive transaction at a
 * time on it, but lets the queries of other requests run on that same connection meanwhile — inside
 * the open transaction: they would read its uncommitted rows and their writes would vanish with its
 * rollback. Two fixes, at the adapter's edge:
 * - a query outside a transaction waits until no transaction is open (or waiting to open);
 * - a transaction starts with `BEGIN IMMEDIATE` (the adapter says `BEGIN`): it takes the write lock
 *   first, so another process committing meanwhile (a trainer's `npm run db:scenario`, a script)
 *   makes it wait the busy timeout instead of failing with SQLITE_BUSY_SNAPSHOT once it writes.
 * tests/integration/durability.test.ts proves both.
 */
function isolatedTransactions(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as unknown as Adapter;
    const connection = adapter.client;
    if (typeof connection?.prepare !== "function") {
      throw new Error("@prisma/adapter-better-sqlite3 a changé : impossible d'isoler les transactions.");
    }
    const prepare = connection.prepare.bind(connection);
    connection.prepare = (source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source);

    let transactions = 0; // open, or waiting for the adapter's lock
    let idle: Promise<void> = Promise.resolve();
    let markIdle = () => {};
    const enter = () => {
      if (transactions++ === 0) idle = new Promise((resolve) => (markIdle = resolve));
    };
    const leave = () => {
      if (--transactions === 0) markIdle();
    };
    const outsideTransactions = <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        while (transactions > 0) await idle;
        return run(...args);
      };

    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      enter();
      let transaction: Transaction;
      try {
        transaction = await startTransaction(isolationLevel);
      } catch (error) {
        leave();
        throw error;
      }
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      let ended = false;
      const end = () => {
        if (!ended) {
          ended = true;
          leave();
        }
      };
      transaction.commit = () => commit().finally(end);
      transaction.rollback = () => rollback().finally(end);
      return transaction;
    };
    adapter.queryRaw = outsideTransactions(adapter.queryRaw.bind(adapter));
    adapter.executeRaw = outsideTransactions(adapter.executeRaw.bind(adapter));
    adapter.executeScript = outsideTransactions(adapter.executeScript.bind(adapter));
    return adapter as unknown as Awaited<ReturnType<typeof connect>>;
  };
  return factory;
}

function createSqliteClient(url: string): PrismaClient {
  const adapter = isolatedTransactions(new PrismaBetterSQLite3({ url, timeout: BUSY_TIMEOUT_MS }));
  const client = new PrismaClient({ adapter });
  // SQLite's transactions are always serializable (one writer): a weaker level asked for is simply stronger here.
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: TransactionOptions) => Promise<unknown>;
  const wrapped = (arg: unknown, options?: TransactionOptions) => {
    if (!options) return transaction(arg);
    const rest = { ...options };
    delete rest.isolationLevel;
    return transaction(arg, rest);
  };
  return new Proxy(client, { get: (target, prop, receiver) => (prop === "$transaction" ? wrapped : Reflect.get(target, prop, receiver)) });
}

/**
 * Options of a transaction whose correctness rests only on conditional updates (`updateMany` with
 * the expected state in `where`, checking `count`) and unique indexes: it may run READ COMMITTED on
 * PostgreSQL (a row being updated is re-checked after the lock), and stays serializable on SQLite.
 */
export const GUARDED_BY_CONDITIONS = { isolationLevel: "ReadCommitted" } as unknown as { isolationLevel?: "Serializable" }; // the SQLite client's type knows one level

const RAW = Symbol("raw client");

type TransactionOptions = { isolationLevel?: string; maxWait?: number; timeout?: number };

/**
 * On PostgreSQL every interactive transaction runs SERIALIZABLE and is re-run on a serialization
 * failure, so the rules SQLite's single writer gave for free (never the last correspondent, one
 * decision per API…) hold by design, whatever runs concurrently on other instances. A batch
 * transaction (an array of queries, e.g. the wipe) cannot be re-run: it keeps READ COMMITTED.
 */
function serializable(client: PrismaClient): PrismaClient {
  const transaction = client.$transaction.bind(client) as (arg: unknown, options?: TransactionOptions) => Promise<unknown>;
  const wrapped = async (arg: unknown, options?: TransactionOptions) => {
    // A caller may ask for READ COMMITTED when conditional updates and unique indexes are all its
    // correctness relies on (GUARDED_BY_CONDITIONS): cheaper, and still retried on a deadlock.
    const isolationLevel = options?.isolationLevel === "ReadCommitted" ? "ReadCommitted" : "Serializable";
    const result =
      typeof arg === "function"
        ? await retryOnConflict(() => transaction(arg, { maxWait: 10_000, timeout: 20_000, ...options, isolationLevel }))
        : await transaction(arg, options);
    noteLocalWrite(); // committed: this process's caches must not serve what it just changed
    return result;
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === RAW) return target;
      if (prop === "$transaction") return wrapped;
      // $disconnect ends the pool too (a script's process can then exit at once) and forgets this client.
      if (prop === "$disconnect") return () => (cache.client === receiver ? closeDb() : target.$disconnect());
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** Connections per instance (DATABASE_POOL_SIZE, 10 by default). */
function poolSize(): number {
  const size = Number(process.env.DATABASE_POOL_SIZE ?? 10);
  return Number.isInteger(size) && size > 0 ? size : 10;
}

/** Models an in-memory cache depends on (lib/db-changes.ts: the same tables notify other instances). */
const CACHED_MODELS = new Set(["OAuthToken", "ApiAccount", "Habilitation", "Api", "Setting", "SigningKey"]);
const WRITES = new Set(["create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany"]);

/**
 * Other instances learn of a write by NOTIFY when it commits; this process must know at once
 * (read-your-writes for its own caches): a committed write to a cached table moves its version.
 */
/**
 * PostgreSQL's text cannot hold NUL (SQLite's can): a hostile "\u0000" in an id or a field would make
 * the query fail. On PostgreSQL it is read as U+FFFD (the replacement character) in every model
 * operation's arguments — a lookup then finds nothing, as on SQLite, and no query fails.
 */
function withoutNul(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replace(/\u0000/g, "\uFFFD") : value;
  if (depth > 12 || value === null || typeof value !== "object" || value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((v) => withoutNul(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = withoutNul(v, depth + 1);
  return out;
}

function noticingWrites(client: PgPrismaClient): PgPrismaClient {
  return client.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        const result = await query(model ? (withoutNul(args) as typeof args) : args);
        if ((model && CACHED_MODELS.has(model) && WRITES.has(operation)) || operation === "$executeRaw" || operation === "$executeRawUnsafe") noteLocalWrite();
        return result;
      },
    },
  }) as unknown as PgPrismaClient;
}

function createPostgresClient(url: string): { client: PrismaClient; pool: pg.Pool } {
  const pool = new pg.Pool({ ...pgConfig(url), max: poolSize(), idleTimeoutMillis: 30_000 });
  pool.on("error", () => undefined); // an idle connection dropped by the server: the pool replaces it
  // Its own connections' NOTIFYs are not news to this process (lib/db-changes.ts).
  pool.on("connect", (client) => ownBackends.add((client as unknown as { processID: number }).processID));
  pool.on("remove", (client) => ownBackends.delete((client as unknown as { processID: number }).processID));
  const client = noticingWrites(new PgPrismaClient({ adapter: runtimePg(pool) })) as unknown as PrismaClient;
  return { client: serializable(client), pool };
}

type DbCache = { client?: PrismaClient; url?: string; ready?: Promise<void>; pool?: pg.Pool };
const globalForDb = globalThis as unknown as { __consoleDb?: DbCache };
const cache: DbCache = (globalForDb.__consoleDb ??= {});

/**
 * The one Prisma client of this process (cached on globalThis so dev reloads and tests reuse it),
 * on the engine DATABASE_URL names (lib/db-url.ts): SQLite (`file:…`) or PostgreSQL
 * (`postgresql://…`). Domain code never knows which. If DATABASE_URL changes (integration tests
 * switch databases), a new client is made.
 */
export function db(): PrismaClient {
  const url = databaseUrl();
  if (!cache.client || cache.url !== url) {
    if (cache.client) void release(cache.client, cache.pool);
    cache.url = url;
    if (providerOf(url) === "postgresql") {
      const created = createPostgresClient(url);
      cache.client = created.client;
      cache.pool = created.pool;
      cache.ready = Promise.resolve();
    } else {
      const client = createSqliteClient(url);
      cache.client = client;
      cache.pool = undefined;
      // WAL lets readers run while one writer commits; it is persistent in the file.
      cache.ready = client.$queryRawUnsafe("PRAGMA journal_mode = WAL").then(() => undefined, () => undefined);
    }
  }
  return cache.client;
}

/** The engine of the current database. */
export function dbProvider(): DatabaseProvider {
  return providerOf(databaseUrl());
}

/** Closes the current client (and its pool): tests between databases, scripts before they exit. */
export async function closeDb(): Promise<void> {
  const { client, pool } = cache;
  cache.client = undefined;
  cache.url = undefined;
  cache.pool = undefined;
  if (client) await release(client, pool);
}

async function release(client: PrismaClient, pool: pg.Pool | undefined): Promise<void> {
  // The proxied $disconnect of a PostgreSQL client would come back here: disconnect the target.
  const target = (client as unknown as { [RAW]?: PrismaClient })[RAW] ?? client;
  await target.$disconnect().catch(() => undefined);
  await pool?.end().catch(() => undefined);
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * A case-insensitive "contains" filter on either engine (SQLite's LIKE ignores ASCII case;
 * PostgreSQL's needs `mode: "insensitive"`, which only its client knows).
 */
export function containsText(text: string): { contains: string } {
  return (dbProvider() === "postgresql" ? { contains: text, mode: "insensitive" } : { contains: text }) as { contains: string };
}
