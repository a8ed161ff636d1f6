/**
 * The token client (lib/oauth-client) against the console's simulator over real HTTP: 1,000
 * concurrent calls through one new client → how many token requests (counted by the client AND by
 * the server's token rows), and the client's overhead per call (client.fetch vs a raw fetch with
 * the same Bearer header; getToken() once cached). `npm run bench:token-client` measures the client
 * alone against a stub.
 */
import { TokenClient } from "../../lib/oauth-client";
import { db } from "../../lib/db";
import { DEMO_API_PASSWORD } from "../../prisma/demo-data";
import type { Server } from "../lib/processes";
import { fmt, table, type SectionResult } from "../lib/report";
import { benchIdentifiant } from "../lib/setup";

const CONCURRENT = 1_000;
const ROUNDS = 5;
const PER_ROUND = 200;
const GET_TOKEN_CALLS = 200_000;
/** An account habilitated on DeltaH7 that no other section uses for tokens at this point. */
const ACCOUNT = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function serverTokenRows(identifiant: string): Promise<number> {
  return db().oAuthToken.count({ where: { kind: "ACCESS", apiAccount: { identifiantKey: identifiant } } });
}

export async function tokenClientSection(console_: Server): Promise<SectionResult> {
  const identifiant = benchIdentifiant(ACCOUNT);
  const apiUrl = `${console_.url}/dh7/declarations`;
  const make = () => new TokenClient({ tokenUrl: `${console_.url}/oauth2/token`, username: identifiant, password: DEMO_API_PASSWORD });

  // 1. 1,000 concurrent calls through one new client.
  const client = make();
  const rowsBefore = await serverTokenRows(identifiant);
  const start = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: CONCURRENT }, async () => {
      const response = await client.fetch(apiUrl);
      await response.arrayBuffer();
      return response.status;
    }),
  );
  const burstMs = performance.now() - start;
  const ok = statuses.filter((s) => s === 200).length;
  const serverIssued = (await serverTokenRows(identifiant)) - rowsBefore;
  const clientRequests = client.tokenRequestCount;

  // 2. getToken() with the token cached.
  await client.getToken();
  const t0 = performance.now();
  for (let i = 0; i < GET_TOKEN_CALLS; i += 1) await client.getToken();
  const getTokenNs = ((performance.now() - t0) * 1e6) / GET_TOKEN_CALLS;

  // 3. Sequential calls, interleaved rounds: client.fetch vs a raw fetch with the same header.
  const token = (await client.getToken()).accessToken;
  const raw = async () => (await fetch(apiUrl, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer();
  const viaClient = async () => (await client.fetch(apiUrl)).arrayBuffer();
  for (let i = 0; i < 50; i += 1) {
    await raw();
    await viaClient();
  }
  const rawUs: number[] = [];
  const clientUs: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    let t = performance.now();
    for (let i = 0; i < PER_ROUND; i += 1) await raw();
    rawUs.push(((performance.now() - t) * 1000) / PER_ROUND);
    t = performance.now();
    for (let i = 0; i < PER_ROUND; i += 1) await viaClient();
    clientUs.push(((performance.now() - t) * 1000) / PER_ROUND);
  }
  const rawMedian = median(rawUs);
  const clientMedian = median(clientUs);
  const totalCalls = CONCURRENT + 50 + ROUNDS * PER_ROUND;

  const met = ok === CONCURRENT && clientRequests === 1 && serverIssued === 1;
  const markdown = [
    `One new \`TokenClient\` (lib/oauth-client) for \`${identifiant}\`, against the console's simulator over HTTP (\`/oauth2/token\`, then \`GET /dh7/declarations\`).`,
    "",
    table(
      ["Measure", "Figure"],
      [
        [`${fmt(CONCURRENT)} concurrent \`client.fetch()\` calls`, `${fmt(ok)} × HTTP 200 in ${fmt(burstMs, 0)} ms`],
        ["token requests made (client's count)", fmt(clientRequests)],
        ["access tokens issued (server's rows)", fmt(serverIssued)],
        [`\`getToken()\` with the token cached (${fmt(GET_TOKEN_CALLS)} calls)`, `${fmt(getTokenNs, 0)} ns per call`],
        [
          `sequential call, median of ${ROUNDS} rounds × ${PER_ROUND}: raw \`fetch\` with the Bearer header vs \`client.fetch\``,
          `${fmt(rawMedian, 0)} µs vs ${fmt(clientMedian, 0)} µs → overhead ${fmt(clientMedian - rawMedian, 0)} µs per call (${fmt(((clientMedian - rawMedian) / rawMedian) * 100, 1)} %)${clientMedian < rawMedian ? " — below the noise of a call to the console" : ""}`,
        ],
        [`token requests over all ${fmt(totalCalls)} \`client.fetch()\` calls of this section`, fmt(client.tokenRequestCount)],
      ],
    ),
  ].join("\n");
  return {
    title: "Token client — 1,000 concurrent calls",
    markdown,
    goals: [
      {
        goal: "1 token request per 1,000 client calls",
        figure: `${fmt(clientRequests)} token request(s) for ${fmt(CONCURRENT)} concurrent calls (server issued ${fmt(serverIssued)}); overhead ${fmt(clientMedian - rawMedian, 0)} µs per call`,
        met,
      },
    ],
  };
}
