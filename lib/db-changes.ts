/**
 * "Has the database changed?" — the one seam through which every instance learns that another
 * one (or a CLI script, a test fixture) committed a write, so that what it keeps in memory is
 * never served stale: the bearer cache (lib/oauth/access-cache.ts), the demo clock's offset
 * (lib/demo-clock/service.ts). Domain code sees two functions and never the engine:
 *
 *  - `databaseVersion()`: a number that changes whenever the database may have changed, or null
 *    when it cannot tell (then callers must not cache). Read synchronously, in about 2 µs.
 *  - `onDatabaseChange(fn)`: `fn(table)` after a change (table null: unknown which).
 *
 * SQLite — `PRAGMA data_version` on a dedicated connection that never writes: its value changes whenever
 * ANY other connection commits to the file, whoever made it. `databaseVersion()` reads it at each
 * call; listeners are told by a poll every WATCH_INTERVAL_MS (started by `watchDatabaseChanges`).
 *
 * PostgreSQL — LISTEN on NOTIFY_CHANNEL: statement-level triggers on the tables that caches depend
 * on (prisma/postgres/migrations/*_change_notifications) send `pg_notify` with the table's name,
 * delivered to every listening instance when the writing transaction commits. The version is a
 * counter bumped by each notification (and by each (re)connection of the listener: what happened
 * while it was away is unknown); while the listener is not connected it is null.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { pgConfig } from "@/prisma/pg-config";
import { databaseUrl, providerOf } from "./db-url";

export const NOTIFY_CHANNEL = "console_changes";
const WATCH_INTERVAL_MS = 250;

type Listener = (table: string | null) => void;

type Watch = {
  url?: string;
  version: number;
  listeners: Set<Listener>;
  // SQLite
  connection?: Database.Database;
  statement?: Database.Statement<[], number>;
  lastDataVersion?: number;
  poll?: ReturnType<typeof setInterval>;
  // PostgreSQL
  client?: pg.Client;
  listening?: boolean;
  connecting?: Promise<void>;
  retryTimer?: ReturnType<typeof setTimeout>;
};

const globalForWatch = globalThis as unknown as { __consoleDbWatch?: Watch };
const watch: Watch = (globalForWatch.__consoleDbWatch ??= { version: 0, listeners: new Set() });
watch.listeners ??= new Set();

function notify(table: string | null): void {
  for (const listener of watch.listeners) {
    try {
      listener(table);
    } catch {
      // a listener's failure is its own
    }
  }
}

function bump(table: string | null): void {
  watch.version += 1;
  notify(table);
}

// ---------------------------------------------------------------------------------------------
// SQLite
// ---------------------------------------------------------------------------------------------

function sqlitePath(url: string): string | null {
  const path = url.replace(/^file:/, "");
  if (path === "" || path === ":memory:" || path.includes("mode=memory")) return null;
  return path;
}

function openSqlite(url: string): void {
  const path = sqlitePath(url);
  if (!path) return;
  try {
    const connection = new Database(path, { fileMustExist: true });
    watch.connection = connection;
    watch.statement = connection.prepare<[], number>("PRAGMA data_version").pluck();
  } catch {
    closeSqlite();
  }
}

function closeSqlite(): void {
  try {
    watch.connection?.close();
  } catch {
    // already closed
  }
  watch.connection = undefined;
  watch.statement = undefined;
  watch.lastDataVersion = undefined;
}

/** Reads data_version; bumps the version (and tells listeners) when another connection committed. */
function sqliteVersion(): number | null {
  if (!watch.statement) {
    openSqlite(watch.url!);
    if (!watch.statement) return null;
  }
  try {
    const dataVersion = watch.statement.get() as number;
    if (dataVersion !== watch.lastDataVersion) {
      const first = watch.lastDataVersion === undefined;
      watch.lastDataVersion = dataVersion;
      watch.version += 1;
      if (!first) notify(null);
    }
    return watch.version;
  } catch {
    closeSqlite();
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------

function listen(url: string): Promise<void> {
  if (watch.connecting) return watch.connecting;
  const client = new pg.Client(pgConfig(url));
  watch.client = client;
  const lost = () => {
    if (watch.client !== client) return;
    watch.listening = false;
    watch.client = undefined;
    client.removeAllListeners();
    void client.end().catch(() => undefined);
    // Try again soon, if this database is still the one in use.
    if (!watch.retryTimer) {
      watch.retryTimer = setTimeout(() => {
        watch.retryTimer = undefined;
        if (watch.url === url && providerOf(url) === "postgresql") void listen(url);
      }, 500);
      watch.retryTimer.unref?.();
    }
  };
  client.on("notification", (message) => {
    // This process's own commits were noted when they returned (noteLocalWrite): only others' count.
    if (message.channel === NOTIFY_CHANNEL && !ownBackends.has(message.processId)) bump(message.payload || null);
  });
  client.on("error", lost);
  client.on("end", lost);
  watch.connecting = client
    .connect()
    .then(() => client.query(`LISTEN ${NOTIFY_CHANNEL}`))
    .then(() => {
      if (watch.client !== client) return;
      watch.listening = true;
      bump(null); // whatever changed while nobody listened
    })
    .catch(lost)
    .finally(() => {
      watch.connecting = undefined;
    });
  // The listener must not keep a script or a test process alive.
  (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
  return watch.connecting;
}

function stopListening(): void {
  const client = watch.client;
  watch.client = undefined;
  watch.listening = false;
  if (watch.retryTimer) clearTimeout(watch.retryTimer);
  watch.retryTimer = undefined;
  if (client) {
    client.removeAllListeners();
    client.on("error", () => undefined);
    void client.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// The seam
// ---------------------------------------------------------------------------------------------

/** Follows DATABASE_URL: a new database (tests switch) starts a new watch and a new version. */
function follow(): string {
  const url = databaseUrl();
  if (watch.url !== url) {
    closeSqlite();
    stopListening();
    watch.url = url;
    watch.version += 1;
    if (providerOf(url) === "postgresql") void listen(url);
  }
  return url;
}

/** A number that changes whenever the database may have changed, or null when unknown. */
export function databaseVersion(): number | null {
  const url = follow();
  if (providerOf(url) === "postgresql") {
    if (!watch.listening) {
      if (!watch.client) void listen(url);
      return null;
    }
    return watch.version;
  }
  return sqliteVersion();
}

/** Backend process ids of this process's own pool connections (lib/db.ts keeps it up to date). */
export const ownBackends: Set<number> = ((globalThis as unknown as { __consoleOwnBackends?: Set<number> }).__consoleOwnBackends ??= new Set());

/** This process committed a write to a cached table (lib/db.ts, PostgreSQL): its caches move on now. */
export function noteLocalWrite(): void {
  watch.version += 1;
}

/** Registers `fn`, called after each change seen (table when known). Returns the unsubscribe. */
export function onDatabaseChange(fn: Listener): () => void {
  watch.listeners.add(fn);
  return () => watch.listeners.delete(fn);
}

/**
 * Starts watching for this process's lifetime (instrumentation.ts): on PostgreSQL the listener
 * connects now; on SQLite a poll reads data_version. Idempotent.
 */
export function watchDatabaseChanges(): void {
  follow();
  if (!watch.poll) {
    watch.poll = setInterval(() => {
      if (providerOf(follow()) === "sqlite") sqliteVersion();
    }, WATCH_INTERVAL_MS);
    watch.poll.unref?.();
  }
}

/** Resolves once the PostgreSQL listener is connected (tests, and servers before they serve). */
export async function changesReady(attempts = 100): Promise<boolean> {
  const url = follow();
  if (providerOf(url) !== "postgresql") return true;
  for (let i = 0; i < attempts && !watch.listening; i++) {
    if (!watch.client) void listen(url);
    await Promise.all([watch.connecting, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  return Boolean(watch.listening);
}
