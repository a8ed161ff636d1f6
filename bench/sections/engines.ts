/**
 * PostgreSQL beside SQLite, in one run: the password grant, the refresh grant, bearer calls and the
 * 10,000-account list on each engine, then bearer calls on two PostgreSQL instances beside one.
 * The server CPU of a PostgreSQL row counts the console's process AND the database server's
 * processes (SQLite runs inside the console's process: its cost is already in the console's CPU).
 */
import type autocannon from "autocannon";
import { listAccounts } from "../../lib/accounts/data";
import { closeDb, db } from "../../lib/db";
import { DEMO_API_PASSWORD } from "../../prisma/demo-data";
import { BENCH_EMAIL } from "../../scripts/bulk-seed";
import { loadInterleaved, runConcurrent, type LoadOptions, type LoadResult, type Schedule } from "../lib/load";
import type { Server } from "../lib/processes";
import { fmt, LOAD_HEADER, loadRow, percentile, table, type SectionResult } from "../lib/report";
import { benchIdentifiant } from "../lib/setup";

export type EngineServers = { sqlite: Server; pg: Server; pgB: Server; pgCpuGroups: () => number[] };

const FORM = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
const GRANT_SCHEDULE: Schedule = { rounds: 3, roundS: 4, warmupS: 2 };
const BEARER_SCHEDULE: Schedule = { rounds: 3, roundS: 4, warmupS: 3 };
const GRANT_CONNECTIONS = 10;
const BEARER_CONNECTIONS = 50;
const ACCOUNTS = 10;
export const GOAL_CPU_RATIO = 1.5;
export const GOAL_TWO_P99_MS = 100;

function body(i: number): string {
  return new URLSearchParams({ grant_type: "password", client_id: "gun-api", scope: "openid", username: benchIdentifiant(i % ACCOUNTS), password: DEMO_API_PASSWORD }).toString();
}

async function tokens(server: Server, count: number): Promise<{ access_token: string; refresh_token: string }[]> {
  const out = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${server.url}/oauth2/token`, { method: "POST", headers: FORM, body: body(i) });
    if (response.status !== 200) throw new Error(`${server.name}: password grant ${response.status}`);
    out.push((await response.json()) as { access_token: string; refresh_token: string });
  }
  return out;
}

function passwordLoad(server: Server, extraCpu?: () => number[]): LoadOptions {
  let next = 0;
  return {
    title: "password grant",
    server,
    path: "/oauth2/token",
    method: "POST",
    connections: GRANT_CONNECTIONS,
    requests: [{ method: "POST", headers: FORM, setupRequest: (req) => ({ ...req, body: body(next++) }) }],
    extraCpuGroups: extraCpu,
  };
}

function refreshLoad(server: Server, extraCpu?: () => number[]): LoadOptions {
  const pool: string[] = [];
  const requests: autocannon.Request[] = [
    {
      method: "POST",
      headers: FORM,
      setupRequest: (req) => ({ ...req, body: new URLSearchParams({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: pool.shift() ?? "pool-empty" }).toString() }),
      onResponse: (status, text) => {
        if (status === 200) pool.push((JSON.parse(text) as { refresh_token: string }).refresh_token);
      },
    },
  ];
  return {
    title: "refresh grant",
    server,
    path: "/oauth2/token",
    method: "POST",
    connections: GRANT_CONNECTIONS,
    requests,
    extraCpuGroups: extraCpu,
    beforeRun: async () => {
      const missing = GRANT_CONNECTIONS * 3 - pool.length;
      if (missing > 0) pool.push(...(await tokens(server, missing)).map((t) => t.refresh_token));
    },
  };
}

function bearerLoad(server: Server, accessTokens: string[], connections: number, extraCpu?: () => number[]): LoadOptions {
  return {
    title: "bearer",
    server,
    path: "/dh7/declarations",
    connections,
    requests: accessTokens.map((token) => ({ method: "GET", path: "/dh7/declarations", headers: { authorization: `Bearer ${token}`, accept: "application/json" } })),
    extraCpuGroups: extraCpu,
  };
}

async function listTiming(url: string): Promise<{ p50: number; p95: number }> {
  process.env.DATABASE_URL = url;
  await closeDb();
  const actor = await db().user.findUniqueOrThrow({ where: { email: BENCH_EMAIL }, select: { id: true, email: true, name: true, role: true } });
  const samples: number[] = [];
  for (let i = 0; i < 43; i++) {
    const start = performance.now();
    await listAccounts(actor, { q: i % 2 === 0 ? undefined : "banc-essai", page: 1 + (i % 3) * 100 });
    if (i >= 3) samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const ratio = (pg: LoadResult, sqlite: LoadResult) => (pg.cpuMsPerRequest && sqlite.cpuMsPerRequest ? pg.cpuMsPerRequest / sqlite.cpuMsPerRequest : null);

export async function enginesSection(servers: EngineServers, urls: { sqlite: string; pg: string }): Promise<SectionResult> {
  const pgCpu = servers.pgCpuGroups;
  const [sqlitePassword, pgPassword] = (await loadInterleaved([passwordLoad(servers.sqlite), passwordLoad(servers.pg, pgCpu)], GRANT_SCHEDULE)) as [LoadResult, LoadResult];
  const [sqliteRefresh, pgRefresh] = (await loadInterleaved([refreshLoad(servers.sqlite), refreshLoad(servers.pg, pgCpu)], GRANT_SCHEDULE)) as [LoadResult, LoadResult];
  const sqliteTokens = (await tokens(servers.sqlite, ACCOUNTS)).map((t) => t.access_token);
  const pgTokens = (await tokens(servers.pg, ACCOUNTS)).map((t) => t.access_token);
  const [sqliteBearer, pgBearer] = (await loadInterleaved(
    [bearerLoad(servers.sqlite, sqliteTokens, BEARER_CONNECTIONS), bearerLoad(servers.pg, pgTokens, BEARER_CONNECTIONS, pgCpu)],
    BEARER_SCHEDULE,
  )) as [LoadResult, LoadResult];

  // Two PostgreSQL instances at once (half the connections each) beside one with all of them.
  const freshPg = (await tokens(servers.pg, ACCOUNTS)).map((t) => t.access_token);
  const one = (await loadInterleaved([bearerLoad(servers.pg, freshPg, BEARER_CONNECTIONS, pgCpu)], BEARER_SCHEDULE))[0]!;
  const two = await runConcurrent(
    [bearerLoad(servers.pg, freshPg, BEARER_CONNECTIONS / 2), bearerLoad(servers.pgB, freshPg, BEARER_CONNECTIONS / 2)],
    BEARER_SCHEDULE,
    pgCpu,
  );

  const sqliteList = await listTiming(urls.sqlite);
  const pgList = await listTiming(urls.pg);
  process.env.DATABASE_URL = urls.sqlite;
  await closeDb();

  const rows: [string, LoadResult, LoadResult][] = [
    ["password grant", sqlitePassword, pgPassword],
    ["refresh grant", sqliteRefresh, pgRefresh],
    ["bearer call `GET /dh7/declarations`", sqliteBearer, pgBearer],
  ];
  const listRatio = pgList.p50 / sqliteList.p50;
  const goals = rows.map(([label, s, p]) => {
    const r = ratio(p, s);
    return {
      goal: `PostgreSQL server CPU per request ≤ ${GOAL_CPU_RATIO}× SQLite's — ${label}`,
      figure: `${fmt(p.cpuMsPerRequest ?? NaN, 2)} ms vs ${fmt(s.cpuMsPerRequest ?? NaN, 2)} ms = ${r === null ? "—" : `${fmt(r, 2)}×`}`,
      met: r !== null && r <= GOAL_CPU_RATIO,
      bound:
        r !== null && r > GOAL_CPU_RATIO
          ? `SQLite answers inside the console's process; PostgreSQL adds a round trip per statement to one of its server processes (the pg wire protocol, parse and plan), and its own CPU is counted here as it would be on a dedicated database host. A ${label} is ${label.startsWith("refresh") ? "six statements (the token row with its account, the active signing key, BEGIN, the conditional spend, the insert of the new pair, COMMIT — READ COMMITTED: its correctness is the conditional spend)" : "several statements"}, against little work in the console besides the RS512 signature.`
          : undefined,
    };
  });
  goals.push({
    goal: `PostgreSQL list of 10,000 accounts ≤ ${GOAL_CPU_RATIO}× SQLite's time (listAccounts, p50)`,
    figure: `${fmt(pgList.p50, 1)} ms vs ${fmt(sqliteList.p50, 1)} ms = ${fmt(listRatio, 2)}×`,
    met: listRatio <= GOAL_CPU_RATIO,
    bound:
      listRatio > GOAL_CPU_RATIO
        ? "a list is about six queries (the count, the page, then Prisma's one query per relation: establishment and company, habilitations, their APIs and fields, field values); SQLite answers each inside the console's process, PostgreSQL after a round trip to one of its server processes and a plan — a few milliseconds each on loopback."
        : undefined,
  });
  const twoMet = two.rps >= one.rps && two.p99 <= GOAL_TWO_P99_MS && two.errors === 0;
  goals.push({
    goal: `Bearer calls on 2 PostgreSQL instances ≥ 1 instance, p99 ≤ ${GOAL_TWO_P99_MS} ms`,
    figure: `${fmt(two.rps, 0)} req/s (p99 ${fmt(two.p99, 0)} ms) vs ${fmt(one.rps, 0)} req/s (p99 ${fmt(one.p99, 0)} ms) = ${fmt(two.rps / one.rps, 2)}×`,
    met: twoMet,
    bound: twoMet
      ? undefined
      : `2 cores here, shared by both instances, PostgreSQL and the load generator: a second instance adds no CPU, it only splits what there is (server CPU per request ${fmt(two.cpuMsPerRequest ?? NaN, 2)} ms with 2 instances vs ${fmt(one.cpuMsPerRequest ?? NaN, 2)} ms with 1).`,
  });

  const markdown = [
    `Each row pair is measured in interleaved rounds (${GRANT_SCHEDULE.rounds} × ${GRANT_SCHEDULE.roundS} s for the grants with ${GRANT_CONNECTIONS} connections, ${BEARER_SCHEDULE.rounds} × ${BEARER_SCHEDULE.roundS} s for bearer calls with ${BEARER_CONNECTIONS}). Both consoles are the same build (\`npm start\`), one on the SQLite file, one on a local PostgreSQL cluster (Debian's package, on 127.0.0.1, \`fsync=off\` as in the tests). **Server CPU for PostgreSQL = the console's process + PostgreSQL's processes.**`,
    "",
    table(LOAD_HEADER, rows.flatMap(([label, s, p]) => [loadRow(s, `${label} — SQLite`), loadRow(p, `${label} — PostgreSQL`)])),
    "",
    "Ratios of server CPU per request (PostgreSQL / SQLite): " + rows.map(([label, s, p]) => `${label} ${ratio(p, s) === null ? "—" : `${fmt(ratio(p, s)!, 2)}×`}`).join("; ") + ".",
    "",
    `**List of 10,000 accounts** (listAccounts, in-process, page 1 / 101 / 201, with and without search, 40 calls after 3 warm-ups): SQLite p50 ${fmt(sqliteList.p50, 1)} ms (p95 ${fmt(sqliteList.p95, 1)}); PostgreSQL p50 ${fmt(pgList.p50, 1)} ms (p95 ${fmt(pgList.p95, 1)}).`,
    "",
    "**Two instances on one PostgreSQL database** — the same bearer load, on one instance with all the connections, then on two instances at once with half each:",
    "",
    table(LOAD_HEADER, [loadRow(one, "1 instance, 50 connections"), loadRow(two, "2 instances, 25 + 25 connections")]),
    "",
    `Ratio 2 / 1 (req/s): ${fmt(two.rps / one.rps, 2)}×. On this machine 2 cores are shared by the instances, PostgreSQL and autocannon: more instances cannot add CPU; they show that the shared state (limits, sessions, caches' invalidation) costs nothing per request when instances are added — on separate hosts the load would split.`,
  ].join("\n");
  return { title: "PostgreSQL beside SQLite, and two instances", markdown, goals };
}
