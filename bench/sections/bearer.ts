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
export const GOAL_RPS = 10_000;
export const GOAL_P99_MS = 20;

function bearerRequests(path: string, tokens: string[]): autocannon.Request[] {
  return tokens.map((token) => ({ method: "GET", path, headers: { authorization: `Bearer ${token}`, accept: "application/json" } }));
}

function options(server: Server, path: string, tokens: string[] | null, title: string): LoadOptions {
  return { title, server, path, connections: CONNECTIONS, requests: tokens ? bearerRequests(path, tokens) : undefined };
}

export async function bearerSection(peers: Peers): Promise<SectionResult> {
  // Fresh tokens right before the load (access tokens live 300 s). One database: the portal's tokens open the customs service's APIs.
  const tokensOf = async (server: Server) => (await obtainTokens(server, peers, BEARER_ACCOUNTS)).map((t) => t.access_token);
  const consoleTokens = await tokensOf(peers.console);
  const [ours, plain, floor, portal, portalFloor, oauth2, mock] = (await loadInterleaved(
    [
      options(peers.customsApi, "/dh7/declarations", consoleTokens, "bearer"),
      options(peers.customsPlainApi, "/dh7/declarations", consoleTokens, "bearer"),
      options(peers.customsPlainApi, "/dh7/declarations", null, "no token"),
      options(peers.console, "/dh7/declarations", consoleTokens, "bearer"),
      options(peers.console, "/dh7/declarations", null, "no token"),
      options(peers.oauth2Server, "/api/declarations", await tokensOf(peers.oauth2Server), "bearer"),
      options(peers.mockServer, "/userinfo", await tokensOf(peers.mockServer), "bearer"),
    ],
    SCHEDULE,
  )) as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];

  const met = ours.rps >= GOAL_RPS && ours.p99 <= GOAL_P99_MS && ours.errors === 0;
  const markdown = [
    `${CONNECTIONS} connections, ${SCHEDULE.rounds} interleaved rounds of ${SCHEDULE.roundS} s per row (after a ${SCHEDULE.warmupS} s warm-up each), rotating over ${BEARER_ACCOUNTS} valid access tokens (${BEARER_ACCOUNTS} API accounts habilitated on DeltaH7).`,
    "",
    table(LOAD_HEADER, [
      loadRow(ours, "customs service, API host `GET /dh7/declarations` over **TLS** (token + habilitation checked)"),
      loadRow(plain, "customs service, same call in plain http (`CUSTOMS_TLS=off`)"),
      loadRow(floor, "customs service, plain http, **without** token (401: no database, no cache — the lean floor)"),
      loadRow(portal, "portal route `GET /dh7/declarations` (Next.js, http)"),
      loadRow(portalFloor, "portal route **without** token (401 — the Next.js floor)"),
      loadRow(oauth2, "@node-oauth/oauth2-server `authenticate()` on `GET /api/…`"),
      loadRow(mock, "oauth2-mock-server `GET /userinfo` (does **not** validate the token)"),
    ]),
    "",
    "What was compared: the console (customs service or portal route: one handler) checks the token (SHA-256 → in-process cache, else SQLite), its expiry against the console's clock, its revocation, and the account's active habilitation on DeltaH7; oauth2-server's `authenticate()` looks the token up in its in-memory model and checks its expiry; oauth2-mock-server offers no protected API — its `/userinfo` is the only route taking a Bearer header and answers without looking at it.",
    "",
    `The "without token" rows are the cost of the HTTP stack alone for the same route: Node's http server and the web Request/Response bridge for the customs service, Next.js's router for the portal.`,
  ].join("\n");
  return {
    title: "Bearer-validated API calls",
    markdown,
    goals: [
      {
        goal: `Bearer-validated calls on the customs service (TLS) ≥ ${fmt(GOAL_RPS)} req/s, p99 ≤ ${GOAL_P99_MS} ms, no error`,
        figure:
          `${fmt(ours.rps, 0)} req/s, p99 ${fmt(ours.p99, 0)} ms, ${ours.errors} error(s), ${fmt(ours.cpuMsPerRequest ?? 0, 3)} ms server CPU/request ` +
          `(plain http ${fmt(plain.rps, 0)} req/s; lean floor ${fmt(floor.rps, 0)} req/s; portal route ${fmt(portal.rps, 0)} req/s, Next.js floor ${fmt(portalFloor.rps, 0)} req/s)`,
        met,
        bound:
          `Two cores shared by the server, the load generator (autocannon, itself about one core at this rate) and other work. The customs service spends ` +
          `${fmt(ours.cpuMsPerRequest ?? 0, 3)} ms of CPU per validated call over TLS, ${fmt(plain.cpuMsPerRequest ?? 0, 3)} ms in plain http, and ` +
          `${fmt(floor.cpuMsPerRequest ?? 0, 3)} ms for a 401 with no check at all: one core saturated at that cost serves at most ` +
          `${fmt(1000 / (ours.cpuMsPerRequest || 1), 0)} req/s. The remaining cost is Node's HTTP parser, the web Request/Response objects the shared handlers take, TLS record encryption and the socket writes.`,
      },
    ],
    loads: { ours, floor: portalFloor, lean: plain },
  };
}
