import { spawn, execFile, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { pgConfig } from "@/prisma/pg-config";
import { createPgDatabase, testEngine, withTestDatabase } from "../support/test-db";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");

let file: string;
withTestDatabase((created) => (file = created));
const onPostgres = testEngine() === "postgresql";
const url = () => (onPostgres ? file : `file:${file}`);

/** The ids (or details) of rows, read by a connection of their own (not the console's client). */
async function readBack(target: string, sql: string, params: unknown[] = []): Promise<Record<string, string>[]> {
  if (target.startsWith("postgres")) {
    const client = new pg.Client(pgConfig(target));
    await client.connect();
    try {
      return (await client.query(sql.replace(/\?/g, () => "$1"), params)).rows as Record<string, string>[];
    } finally {
      await client.end();
    }
  }
  const conn = new Database(target.replace(/^file:/, ""), { readonly: true });
  try {
    expect(conn.pragma("integrity_check", { simple: true })).toBe("ok");
    return conn.prepare(sql).all(...params) as Record<string, string>[];
  } finally {
    conn.close();
  }
}

/** Starts the writer and collects the ids it reports as committed. */
function startWriter(count: number, tag: string): { child: ChildProcess; committed: string[]; ready: Promise<void>; done: Promise<void> } {
  // One process (node + the tsx loader), so SIGKILL really kills the writer mid-burst.
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/write-burst.ts", String(count), tag], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url() },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const committed: string[] = [];
  let buffer = "";
  let onReady: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "READY") onReady();
      const m = /^COMMITTED (\S+)$/.exec(line);
      if (m) committed.push(m[1]!);
    }
  });
  const done = new Promise<void>((r) => child.on("exit", () => r()));
  return { child, committed, ready, done };
}

/**
 * Another process writing to the same database (a trainer's `npm run db:scenario`, `db:backup`, a
 * script): a plain better-sqlite3 connection with a busy timeout that commits one row on "GO".
 */
function startOtherWriter(): { child: ChildProcess; ready: Promise<void>; committed: Promise<boolean> } {
  const script = `
    const Database = require("better-sqlite3");
    const conn = new Database(process.argv[1], { timeout: 5000 });
    process.stdout.write("READY\\n");
    process.stdin.once("data", () => {
      conn.prepare("INSERT INTO Setting (key, value, updatedAt) VALUES ('autre-processus', 'x', 0)").run();
      process.stdout.write("COMMITTED\\n");
      conn.close();
      process.exit(0);
    });`;
  const child = spawn(process.execPath, ["-e", script, file], { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  let onReady: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes("READY")) onReady();
  });
  const committed = new Promise<boolean>((r) => child.on("exit", (code) => r(code === 0 && output.includes("COMMITTED"))));
  return { child, ready, committed };
}

describe("durability", () => {
  it.skipIf(onPostgres)("runs SQLite in WAL mode with a busy timeout", async () => {
    const rows = await db().$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(rows[0]!.journal_mode).toBe("wal");
    const timeout = await db().$queryRawUnsafe<{ timeout: bigint | number }[]>("PRAGMA busy_timeout");
    expect(Number(timeout[0]!.timeout)).toBeGreaterThanOrEqual(5000);
  });

  it("npm run db:backup makes a consistent copy while writes go on", async () => {
    const writer = startWriter(3000, "backup");
    await writer.ready;
    while (writer.committed.length < 50) await new Promise((r) => setTimeout(r, 20));
    const destination = path.join(mkdtempSync(path.join(tmpdir(), "console-backup-")), onPostgres ? "copy.dump" : "copy.db");
    const { stdout } = await run("npm", ["run", "--silent", "db:backup", "--", destination], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url() },
    });
    const committedAtEnd = writer.committed.length;
    writer.child.kill("SIGKILL");
    await writer.done;
    expect(stdout).toContain("Sauvegarde cohérente");
    expect(existsSync(destination)).toBe(true);

    // Read the copy back: the SQLite file itself, or the dump restored into a fresh PostgreSQL database.
    let copyUrl = `file:${destination}`;
    let dropCopy = async () => {};
    if (onPostgres) {
      const restored = await createPgDatabase("console_restore");
      dropCopy = restored.drop;
      const c = pgConfig(restored.url);
      await run("bash", ["-c", `PGPASSWORD="$3" "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_restore" --clean --if-exists --no-owner -h "$1" -p "$2" -U "$4" -d "$5" "$6"`, "x", String(c.host), String(c.port), String(c.password), String(c.user), String(c.database), destination]);
      copyUrl = restored.url;
    }
    const rows = await readBack(copyUrl, `SELECT details FROM "AuditEvent" WHERE action = 'DURABILITY_TEST' AND details LIKE ?`, ['%"tag":"backup"%']);
    const ids = rows.map((r) => (JSON.parse(r.details!) as { i: number }).i);
    await dropCopy();
    // A consistent snapshot: a gap-free prefix of the writer's sequence, taken while it was running.
    expect(ids.length).toBeGreaterThanOrEqual(50);
    expect(ids.length).toBeLessThanOrEqual(committedAtEnd + 1);
    expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: ids.length }, (_, i) => i));
  });

  it("a kill -9 in the middle of a burst loses no committed write", async () => {
    const writer = startWriter(100_000, "crash");
    await writer.ready;
    while (writer.committed.length < 300) await new Promise((r) => setTimeout(r, 10));
    writer.child.kill("SIGKILL");
    await writer.done;
    const reported = [...writer.committed];
    expect(reported.length).toBeGreaterThanOrEqual(300);

    const present = new Set((await readBack(url(), `SELECT id FROM "AuditEvent" WHERE action = 'DURABILITY_TEST'`)).map((r) => r.id!));
    const lost = reported.filter((id) => !present.has(id));
    expect(lost).toEqual([]);
  });

  // SQLite only: PostgreSQL's MVCC has no such failure (its serialization failures are retried: lib/db.ts).
  it.skipIf(onPostgres)("a transaction that reads then writes survives another process committing in between (no SQLITE_BUSY_SNAPSHOT)", async () => {
    const other = startOtherWriter();
    await other.ready;
    const result = db().$transaction(async (tx) => {
      const before = await tx.setting.count(); // the transaction reads first…
      other.child.stdin!.write("GO\n"); // …another process wants to commit now…
      await new Promise((r) => setTimeout(r, 300));
      await tx.setting.create({ data: { key: "cette-transaction", value: String(before) } }); // …then it writes.
      return before;
    });
    await expect(result).resolves.toBeTypeOf("number");
    expect(await other.committed).toBe(true); // the other process waited for the lock, then committed
    const keys = (await db().setting.findMany({ select: { key: true } })).map((row) => row.key);
    expect(keys).toEqual(expect.arrayContaining(["cette-transaction", "autre-processus"]));
  });

  it("a write made beside a transaction that rolls back is kept, and never sees its uncommitted rows", async () => {
    let besideSaw: string | null | undefined;
    const beside = (async () => {
      await new Promise((r) => setTimeout(r, 50)); // while the transaction below is open
      besideSaw = (await db().setting.findUnique({ where: { key: "annulee" } }))?.value ?? null;
      await db().setting.create({ data: { key: "a-cote", value: "gardee" } });
    })();
    const rolledBack = db().$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "annulee", value: "jamais visible" } });
      await new Promise((r) => setTimeout(r, 200));
      throw new Error("refus : la transaction est annulée");
    });
    await expect(rolledBack).rejects.toThrow("refus");
    await beside;
    expect(besideSaw).toBeNull();
    expect(await db().setting.findUnique({ where: { key: "a-cote" } })).toMatchObject({ value: "gardee" });
    expect(await db().setting.findUnique({ where: { key: "annulee" } })).toBeNull();
  });
});
