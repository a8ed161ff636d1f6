/**
 * The bench's own world: a fresh SQLite database (.tmp/bench/bench.db) with the committed
 * migrations, the demo data, the API catalogue, and the bulk set (10,000 accounts on 10,000
 * SIRETs for bench@demo.fr — `npm run db:seed:bulk`), the environment of the servers, and the
 * production build.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { db } from "../../lib/db";
import { seedDemo } from "../../prisma/demo-data";
import { ensureCatalogueApis, habilitate } from "../../tests/support/apis";

export const HOST = "127.0.0.1";
export const PORTS = {
  console: 3141,
  oauth2Server: 3142,
  mockServer: 3143,
  consolePg: 3144,
  consolePgB: 3145,
  customsToken: 3146,
  customsApi: 3147,
  customsPlainToken: 3148,
  customsPlainApi: 3149,
  oauth2ServerDb: 3150,
} as const;
/** The customs service's local authority for the bench (`npm run bench` creates it, then trusts it: NODE_EXTRA_CA_CERTS). */
export const BENCH_TLS_DIR = path.resolve(".tmp/bench/tls");
export const PG_PORT = 55434;
export const PG_DIR = path.resolve(".tmp/bench/pg");
export const BENCH_DIR = path.resolve(".tmp/bench");
export const DB_FILE = path.join(BENCH_DIR, "bench.db");
export const BULK_COUNT = 10_000;

/** The bulk set's identifiant (scripts/bulk-seed.ts). */
export function benchIdentifiant(i: number): string {
  return `bench-api-${String(i).padStart(5, "0")}`;
}

/** Environment of the console under test and of every command run against its database. */
export function benchEnv(): NodeJS.ProcessEnv {
  const base = `http://${HOST}:${PORTS.console}`;
  return {
    ...process.env,
    DATABASE_URL: `file:${DB_FILE}`,
    NEXTAUTH_URL: base,
    CONSOLE_BASE_URL: base,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NEXT_TELEMETRY_DISABLED: "1",
    DEMO_MODE: "0",
    // The DeltaH7 section's operator system listens on 127.0.0.1: customs' callbacks may go there (whichever instance sends them).
    OUTBOUND_ALLOW_LOOPBACK: "1",
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync(command, args, { env, stdio: ["ignore", "inherit", "inherit"] });
}

export function build(env: NodeJS.ProcessEnv): void {
  run("npx", ["next", "build"], env);
}

/** The bench's PostgreSQL cluster (scripts/pg-cluster.sh, on 127.0.0.1): started, with a fresh `bench` database; returns its URL. */
export function startPostgres(env: NodeJS.ProcessEnv): string {
  mkdirSync(PG_DIR, { recursive: true });
  execFileSync("chmod", ["755", BENCH_DIR, PG_DIR]);
  execFileSync("bash", ["scripts/pg-cluster.sh", "start", path.join(PG_DIR, "cluster"), String(PG_PORT)], { env, stdio: ["ignore", "ignore", "inherit"] });
  return execFileSync("bash", ["scripts/pg-cluster.sh", "createdb", path.join(PG_DIR, "cluster"), String(PG_PORT), "bench"], { env, encoding: "utf8" }).trim();
}

export function stopPostgres(): void {
  execFileSync("bash", ["scripts/pg-cluster.sh", "stop", path.join(PG_DIR, "cluster")], { stdio: "ignore" });
}

/** PostgreSQL's postmaster (its backends are its children): whose CPU counts for the PostgreSQL rows. */
export function postmasterPid(): number {
  return Number(readFileSync(path.join(PG_DIR, "cluster", "data", "postmaster.pid"), "utf8").split("\n")[0]);
}

/** A fresh database (SQLite file, or the PostgreSQL database of env.DATABASE_URL); `habilitated` bulk accounts get DeltaH7. */
export async function prepareDatabase(env: NodeJS.ProcessEnv, habilitated: number): Promise<void> {
  mkdirSync(BENCH_DIR, { recursive: true });
  if (!String(env.DATABASE_URL).startsWith("postgres")) {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${DB_FILE}${suffix}`, { force: true });
  }
  run("npx", ["prisma", "migrate", "deploy"], env);
  run("npx", ["tsx", "scripts/bulk-seed.ts", String(BULK_COUNT)], env);
  // This process reads and writes the same database (listAccounts is measured here too).
  process.env.DATABASE_URL = env.DATABASE_URL;
  process.env.APP_ENCRYPTION_KEY = env.APP_ENCRYPTION_KEY;
  process.env.CONSOLE_BASE_URL = env.CONSOLE_BASE_URL;
  const prisma = db();
  await seedDemo(prisma);
  await ensureCatalogueApis(prisma);
  for (let i = 0; i < habilitated; i += 1) {
    const account = await prisma.apiAccount.findUniqueOrThrow({ where: { identifiantKey: benchIdentifiant(i) } });
    await habilitate(prisma, account.id, "DELTA_H7");
  }
}
