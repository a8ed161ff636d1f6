/** Bearer-validated calls to the simulated APIs (valid tokens) and the peers' equivalents. */
import type autocannon from "autocannon";
import { loadInterleaved, type LoadOptions, type LoadResult, type Schedule } from "../lib/load";
import type { Server } from "../lib/processes";
import { fmt, LOAD_HEADER, loadRow, table, type SectionResult } from "../lib/report";
import { obtainTokens, type Peers } from "./token-endpoint";

/** API accounts (each habilitated on DeltaH7) whose tokens the calls rotate over. */
export const BEARER_ACCOUNTS = 10;
const CONNECTIONS = 50;
const SCHEDULE: Schedule = { rounds: 3, roundS: 4, warmupS: 3 };
export const GOAL_RPS = 2_000;
export const GOAL_P99_MS = 50;

function bearerRequests(path: string, tokens: string[]): autocannon.Request[] {
  return tokens.map((token) => ({ method: "GET", path, headers: { authorization: `Bearer ${token}`, accept: "application/json" } }));
}

function options(server: Server, path: string, tokens: string[] | null, title: string): LoadOptions {
  return { title, server, path, connections: CONNECTIONS, requests: tokens ? bearerRequests(path, tokens) : undefined };
}

export async function bearerSection(peers: Peers): Promise<SectionResult> {
  // Fresh tokens right before the load (access tokens live 300 s).
  const tokensOf = async (server: Server) => (await obtainTokens(server, peers, BEARER_ACCOUNTS)).map((t) => t.access_token);
  const [ours, floor, oauth2, mock] = (await loadInterleaved(
    [
      options(peers.console, "/dh7/declarations", await tokensOf(peers.console), "bearer"),
      options(peers.console, "/dh7/declarations", null, "no token"),
      options(peers.oauth2Server, "/api/declarations", await tokensOf(peers.oauth2Server), "bearer"),
      options(peers.mockServer, "/userinfo", await tokensOf(peers.mockServer), "bearer"),
    ],
    SCHEDULE,
  )) as [LoadResult, LoadResult, LoadResult, LoadResult];

  const met = ours.rps >= GOAL_RPS && ours.p99 <= GOAL_P99_MS && ours.errors === 0;
  const markdown = [
    `${CONNECTIONS} connections, ${SCHEDULE.rounds} interleaved rounds of ${SCHEDULE.roundS} s per row (after a ${SCHEDULE.warmupS} s warm-up each), rotating over ${BEARER_ACCOUNTS} valid access tokens (${BEARER_ACCOUNTS} API accounts habilitated on DeltaH7).`,
    "",
    table(LOAD_HEADER, [
      loadRow(ours, "console `GET /dh7/declarations` (token + habilitation checked)"),
      loadRow(floor, "console, same route **without** token (401: no database, no cache — the Next.js floor)"),
      loadRow(oauth2, "@node-oauth/oauth2-server `authenticate()` on `GET /api/…`"),
      loadRow(mock, "oauth2-mock-server `GET /userinfo` (does **not** validate the token)"),
    ]),
    "",
    "What was compared: the console checks the token (SHA-256 → in-process cache, else SQLite), its expiry against the console's clock, its revocation, and the account's active habilitation on DeltaH7; oauth2-server's `authenticate()` looks the token up in its in-memory model and checks its expiry; oauth2-mock-server offers no protected API — its `/userinfo` is the only route taking a Bearer header and answers without looking at it.",
    "",
    `The "without token" row is the cost of Next.js itself on this machine for the same route (routing, Web Request/Response, streams): it bounds what any check inside the route can reach.`,
  ].join("\n");
  return {
    title: "Bearer-validated API calls",
    markdown,
    goals: [
      {
        goal: `Bearer-validated API calls ≥ ${fmt(GOAL_RPS)} req/s, p99 ≤ ${GOAL_P99_MS} ms, no error`,
        figure: `${fmt(ours.rps, 0)} req/s, p99 ${fmt(ours.p99, 0)} ms, ${ours.errors} error(s) (Next.js floor on this machine: ${fmt(floor.rps, 0)} req/s)`,
        met,
        bound:
          `Next.js itself on this machine: the same route with no check at all (no token → 401, no database, no cache) serves ${fmt(floor.rps, 0)} req/s ` +
          `at ${fmt(floor.cpuMsPerRequest, 2)} ms of server CPU per request, against ${fmt(ours.cpuMsPerRequest, 2)} ms with the token and habilitation checked ` +
          `(the check alone, without HTTP: see "Where the CPU goes"). A CPU profile of the console under this load (\`node --cpu-prof\`) puts that time in ` +
          `Next.js's router, the conversion to Web Request/Response, the web-stream piping of the body and the socket writes; SQLite and Prisma, which took ` +
          `about a third of the busy CPU before the token cache, only show for the first call of each token. With 2 cores shared by the server, the load generator and other work, a Next.js route handler cannot reach ${fmt(GOAL_RPS)} req/s here.`,
      },
    ],
    loads: { ours, floor },
  };
}
