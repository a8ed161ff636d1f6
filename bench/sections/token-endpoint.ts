/**
 * Token endpoint: password grant (argon2id at equal cost for the console and oauth2-server),
 * refresh grant (no password hashing), same load on the three servers.
 */
import type autocannon from "autocannon";
import { HASH_PARAMS } from "../../lib/auth/password";
import { DEMO_API_PASSWORD } from "../../prisma/demo-data";
import { loadInterleaved, type LoadResult, type Schedule } from "../lib/load";
import type { Server } from "../lib/processes";
import { fmt, LOAD_HEADER, loadRow, table, type SectionResult } from "../lib/report";
import { benchIdentifiant } from "../lib/setup";

export type Peers = {
  console: Server;
  oauth2Server: Server;
  mockServer: Server;
  /** The customs service (customs-service.ts): token and API hosts over TLS, and the same service in plain http. */
  customsToken: Server;
  customsApi: Server;
  customsPlainApi: Server;
  /** oauth2-server with tokens stored in SQLite and an RS512 id_token per grant (the console's work). */
  oauth2ServerDb: Server;
};

/** Distinct API accounts the password grant cycles through (the rate limiter counts failures per identifiant; none fail here). */
export const PASSWORD_ACCOUNTS = 50;
const CONNECTIONS = 10;
/** Refresh tokens ready before each refresh-grant run (each connection holds one in flight). */
const POOL_SIZE = CONNECTIONS * 3;
const SCHEDULE: Schedule = { rounds: 3, roundS: 4, warmupS: 2 };
const LOAD_TEXT = `${CONNECTIONS} connections, ${SCHEDULE.rounds} interleaved rounds of ${SCHEDULE.roundS} s per server (after a ${SCHEDULE.warmupS} s warm-up each)`;
const FORM = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };

export function tokenPath(server: Server, peers: Peers): string {
  return server === peers.mockServer ? "/token" : "/oauth2/token";
}

function passwordBody(i: number): string {
  return new URLSearchParams({
    grant_type: "password",
    client_id: "gun-api",
    scope: "openid",
    username: benchIdentifiant(i % PASSWORD_ACCOUNTS),
    password: DEMO_API_PASSWORD,
  }).toString();
}

/** Password grants, each on the next account of the set. */
function passwordRequests(): autocannon.Request[] {
  let next = 0;
  return [{ method: "POST", headers: FORM, setupRequest: (req) => ({ ...req, body: passwordBody(next++) }) }];
}

export async function obtainTokens(server: Server, peers: Peers, count: number): Promise<{ access_token: string; refresh_token: string }[]> {
  const tokens = [];
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${server.url}${tokenPath(server, peers)}`, { method: "POST", headers: FORM, body: passwordBody(i) });
    if (response.status !== 200) throw new Error(`${server.name}: password grant ${response.status} ${await response.text()}`);
    tokens.push((await response.json()) as { access_token: string; refresh_token: string });
  }
  return tokens;
}

/**
 * Refresh grants: each response's new refresh_token goes back to a shared pool and the next request
 * takes one from it (a refresh token is single-use on the console and on oauth2-server).
 */
function refreshRequests(pool: string[]): autocannon.Request[] {
  return [
    {
      method: "POST",
      headers: FORM,
      setupRequest: (req) => ({
        ...req,
        body: new URLSearchParams({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: pool.shift() ?? "pool-empty" }).toString(),
      }),
      onResponse: (status, body) => {
        if (status === 200) pool.push((JSON.parse(body) as { refresh_token: string }).refresh_token);
      },
    },
  ];
}

function ratio(ours: LoadResult, peer: LoadResult): string {
  return peer.rps > 0 ? `${fmt(ours.rps / peer.rps, 2)}×` : "—";
}

export async function passwordGrantSection(peers: Peers): Promise<SectionResult> {
  const servers = [peers.customsToken, peers.oauth2ServerDb, peers.console, peers.oauth2Server, peers.mockServer];
  const results = await loadInterleaved(
    servers.map((server) => ({
      title: "password grant",
      server,
      path: tokenPath(server, peers),
      method: "POST" as const,
      connections: CONNECTIONS,
      requests: passwordRequests(),
    })),
    SCHEDULE,
  );
  const [ours, oauth2Db, portal, oauth2, mock] = results as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
  const vsOauth2 = ours.rps / oauth2Db.rps;
  const markdown = [
    `Same load on every server: ${LOAD_TEXT}, \`grant_type=password\` cycling over ${PASSWORD_ACCOUNTS} API accounts (\`bench-api-00000\`…), all with valid credentials (the console's limiter only counts failures).`,
    "",
    `Password hashing: argon2id, m = ${HASH_PARAMS.memoryCost} KiB, t = ${HASH_PARAMS.timeCost}, p = ${HASH_PARAMS.parallelism} (OWASP's minimum; \`HASH_PARAMS\` of lib/auth/password.ts, imported by the oauth2-server peer) — the console and @node-oauth/oauth2-server verify one such hash per request. **oauth2-mock-server does no password hashing at all** (it accepts any username/password), so it is shown for reference and is not the "equal hashing cost" peer.`,
    "",
    table(LOAD_HEADER, [
      loadRow(ours, "customs service, token host (`customs-service.ts`, TLS, SQLite)"),
      loadRow(oauth2Db, "@node-oauth/oauth2-server, tokens in SQLite + RS512 id_token (same work)"),
      loadRow(portal, "the portal's own route (`npm start`, Next.js, http)"),
      loadRow(oauth2, "@node-oauth/oauth2-server (in-memory model, no id_token) — reference"),
      loadRow(mock, "oauth2-mock-server (no hashing)"),
    ]),
    "",
    `Ratios (req/s): customs token host / oauth2-server with the same work = **${fmt(vsOauth2, 2)}×**; / in-memory oauth2-server = ${ratio(ours, oauth2)}; portal route / customs token host = ${ratio(portal, ours)}; customs token host / oauth2-mock-server = ${ratio(ours, mock)}.`,
    "",
    "What each server does per password grant: the console (token host or portal route: the same handler) verifies argon2id, issues opaque access and refresh tokens, **stores their SHA-256 in SQLite** (one insert of two rows through Prisma; long-expired tokens are purged now and then), checks its failure limiter and **signs an RS512 id_token** (OpenID Connect); the persistent oauth2-server peer verifies argon2id, stores the two tokens' SHA-256 in SQLite (better-sqlite3, one transaction) and signs an RS512 id_token with jose — over plain http, where the token host pays TLS; the in-memory oauth2-server keeps two random tokens in a `Map` (no id_token); oauth2-mock-server signs two RS512 JWTs (access token and id_token) and keeps nothing.",
  ].join("\n");
  return {
    title: "Token endpoint — password grant",
    markdown,
    goals: [
      {
        goal: "Password grant on the customs token host, at equal argon2id cost, ≥ 1.0× oauth2-server doing the same work (tokens in SQLite, RS512 id_token)",
        figure: `${fmt(ours.rps, 1)} req/s vs ${fmt(oauth2Db.rps, 1)} req/s = ${fmt(vsOauth2, 2)}× (in-memory oauth2-server: ${fmt(oauth2.rps, 1)} req/s)`,
        met: vsOauth2 >= 1,
      },
    ],
    loads: { ours, peer: oauth2Db, portal },
  };
}

export async function refreshGrantSection(peers: Peers): Promise<SectionResult> {
  const servers = [peers.console, peers.oauth2Server, peers.mockServer];
  const results = await loadInterleaved(
    servers.map((server) => {
      // Requests cut by the end of a run take their refresh token with them: top the pool up before each run.
      const pool: string[] = [];
      return {
        title: "refresh grant",
        server,
        path: tokenPath(server, peers),
        method: "POST" as const,
        connections: CONNECTIONS,
        requests: refreshRequests(pool),
        beforeRun: async () => {
          const missing = POOL_SIZE - pool.length;
          if (missing > 0) pool.push(...(await obtainTokens(server, peers, missing)).map((t) => t.refresh_token));
        },
      };
    }),
    SCHEDULE,
  );
  const [ours, oauth2, mock] = results as [LoadResult, LoadResult, LoadResult];
  const markdown = [
    `\`grant_type=refresh_token\`, no password hashing: ${LOAD_TEXT}. Each response's new refresh token goes back to a pool the next request draws from, topped up by password grants before each run, outside the measure (refresh tokens are single-use on the console and on oauth2-server; oauth2-mock-server accepts any value).`,
    "",
    table(LOAD_HEADER, [loadRow(ours, "console (`npm start`, SQLite)"), loadRow(oauth2, "@node-oauth/oauth2-server (in-memory model)"), loadRow(mock, "oauth2-mock-server (no check)")]),
    "",
    `Ratios (req/s): console / oauth2-server = ${ratio(ours, oauth2)}; console / oauth2-mock-server = ${ratio(ours, mock)}.`,
    "",
    "Per refresh the console reads the token row, spends it with a conditional update and inserts the new pair in one transaction (reuse detection, RFC 6749 §10.4), and signs a new RS512 id_token; oauth2-server swaps entries of a `Map`; oauth2-mock-server signs two JWTs without any check.",
  ].join("\n");
  return { title: "Token endpoint — refresh grant", markdown, goals: [] };
}
