/**
 * "Has the database changed?" for in-process caches, in about 2 µs: SQLite's `PRAGMA data_version`
 * read on a dedicated connection that never writes. Its value changes whenever ANY other
 * connection commits to the file — Prisma's connection in this process, a CLI script, a test
 * fixture, another server — so a cache stamped with `databaseVersion()` is stale as soon as any
 * write commits, whoever made it, and no write path has to remember to invalidate anything.
 *
 * Returns null when it cannot tell (in-memory database, file missing, connection error): callers
 * must then not cache.
 */
import Database from "better-sqlite3";
import { databaseUrl } from "./db-url";

type Watch = {
  url?: string;
  connection?: Database.Database;
  statement?: Database.Statement<[], number>;
  lastDataVersion?: number;
  /** Our own counter: moves on every data_version change and on every switch of database. */
  version: number;
};

const globalForWatch = globalThis as unknown as { __consoleDbWatch?: Watch };
const watch: Watch = (globalForWatch.__consoleDbWatch ??= { version: 0 });

function filePath(url: string): string | null {
  const path = url.replace(/^file:/, "");
  if (path === "" || path === ":memory:" || path.includes("mode=memory")) return null;
  return path;
}

function open(url: string): void {
  close();
  watch.url = url;
  watch.version += 1;
  const path = filePath(url);
  if (!path) return;
  try {
    const connection = new Database(path, { fileMustExist: true });
    watch.connection = connection;
    watch.statement = connection.prepare<[], number>("PRAGMA data_version").pluck();
  } catch {
    close();
  }
}

function close(): void {
  try {
    watch.connection?.close();
  } catch {
    // already closed
  }
  watch.connection = undefined;
  watch.statement = undefined;
  watch.lastDataVersion = undefined;
}

/** A number that changes whenever the database changes (any committed write), or null when unknown. */
export function databaseVersion(): number | null {
  const url = databaseUrl();
  if (watch.url !== url || !watch.statement) {
    // Retry opening at most once per call when the previous attempt failed (file created later).
    open(url);
    if (!watch.statement) return null;
  }
  try {
    const dataVersion = watch.statement.get() as number;
    if (dataVersion !== watch.lastDataVersion) {
      watch.lastDataVersion = dataVersion;
      watch.version += 1;
    }
    return watch.version;
  } catch {
    close();
    return null;
  }
}
