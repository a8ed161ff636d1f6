/**
 * The token client (lib/oauth-client) against the console's simulator over real HTTP: 1,000
 * concurrent calls through one new client → how many token requests (counted by the client AND by
 * the server's token rows), and the client's overhead per call: over HTTP (client.fetch vs a raw
 * fetch with the same Bearer header, in pairs) and with the network taken out (an in-process stub
 * answers the API call); getToken() once cached. `npm run bench:token-client` measures the client
 * alone against a stub.
 */
import { TokenClient } from "../../lib/oauth-client";
import { db } from "../../lib/db";
import { DEMO_API_PASSWORD } from "../../prisma/demo-data";
import type { Server } from "../lib/processes";
import { fmt, table, type SectionResult } from "../lib/report";
import { benchIdentifiant } from "../lib/setup";

const CONCURRENT = 1_000;
const WARMUP_PAIRS = 50;
const PAIRS = 1_000;
const GET_TOKEN_CALLS = 200_000;
const IN_PROCESS_CALLS = 100_000;
const IN_PROCESS_WARMUP = 5_000;
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

  // 3. Sequential calls in pairs, a raw fetch with the same header and client.fetch back to back (order
  //    alternating): the median of the pairs' differences is the client's overhead, robust to the
  //    machine's other load that comes and goes.
  const token = (await client.getToken()).accessToken;
  const raw = async () => (await fetch(apiUrl, { headers: { Authorization: `Bearer ${token}` } })).arrayBuffer();
  const viaClient = async () => (await client.fetch(apiUrl)).arrayBuffer();
  const timed = async (call: () => Promise<ArrayBuffer>) => {
    const t = performance.now();
    await call();
    return (performance.now() - t) * 1000;
  };
  for (let i = 0; i < WARMUP_PAIRS; i += 1) {
    await raw();
    await viaClient();
  }
  const rawUs: number[] = [];
  const clientUs: number[] = [];
  const diffUs: number[] = [];
  for (let i = 0; i < PAIRS; i += 1) {
    let r: number;
    let c: number;
    if (i % 2 === 0) {
      r = await timed(raw);
      c = await timed(viaClient);
    } else {
      c = await timed(viaClient);
      r = await timed(raw);
    }
    rawUs.push(r);
    clientUs.push(c);
    diffUs.push(c - r);
  }
  const rawMedian = median(rawUs);
  const clientMedian = median(clientUs);
  const pairedDiffUs = median(diffUs);
  const totalCalls = CONCURRENT + WARMUP_PAIRS + PAIRS;

  // 4. The client's own cost, the network taken out: the API call is answered by an in-process stub
  //    (the token still comes from the simulator over HTTP), timed against calling the stub alone.
  //    Over loopback HTTP (3. above) a call takes ~2 ms and varies by more than the client costs.
  const stub = async () => new Response("{}", { status: 200 });
  const stubbed = new TokenClient({
    tokenUrl: `${console_.url}/oauth2/token`,
    username: identifiant,
    password: DEMO_API_PASSWORD,
    fetch: (input, init) => (String(input) === apiUrl ? stub() : globalThis.fetch(input, init)),
  });
  await stubbed.fetch(apiUrl);
  const perCallUs = async (call: () => Promise<Response>) => {
    for (let i = 0; i < IN_PROCESS_WARMUP; i += 1) await call();
    const t = performance.now();
    for (let i = 0; i < IN_PROCESS_CALLS; i += 1) await call();
    return ((performance.now() - t) * 1000) / IN_PROCESS_CALLS;
  };
  const stubUs = await perCallUs(stub);
  const stubbedClientUs = await perCallUs(() => stubbed.fetch(apiUrl));
  const overheadUs = stubbedClientUs - stubUs;

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
          `${fmt(PAIRS)} sequential pairs of calls: raw \`fetch\` with the Bearer header vs \`client.fetch\` (medians)`,
          `${fmt(rawMedian, 0)} µs vs ${fmt(clientMedian, 0)} µs; median of the pairs' differences ${fmt(pairedDiffUs, 0)} µs — within the noise of a loopback HTTP call`,
        ],
        [
          `the client's own cost, network taken out: \`client.fetch()\` answered by an in-process stub vs the stub alone (${fmt(IN_PROCESS_CALLS)} calls each)`,
          `${fmt(stubbedClientUs, 2)} µs vs ${fmt(stubUs, 2)} µs: **overhead ${fmt(overheadUs, 2)} µs per call** (${fmt((overheadUs / rawMedian) * 100, 2)} % of a loopback HTTP call)`,
        ],
        [`token requests over all ${fmt(totalCalls)} \`client.fetch()\` calls over HTTP`, fmt(client.tokenRequestCount)],
        [`token requests of the stubbed client over its ${fmt(1 + IN_PROCESS_WARMUP + IN_PROCESS_CALLS)} calls`, fmt(stubbed.tokenRequestCount)],
      ],
    ),
  ].join("\n");
  return {
    title: "Token client — 1,000 concurrent calls",
    markdown,
    goals: [
      {
        goal: "1 token request per 1,000 client calls",
        figure: `${fmt(clientRequests)} token request(s) for ${fmt(CONCURRENT)} concurrent calls (server issued ${fmt(serverIssued)}); client overhead ${fmt(overheadUs, 2)} µs per call`,
        met,
      },
    ],
  };
}
