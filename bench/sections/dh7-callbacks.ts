/**
 * The DeltaH7 exchange under load (issue 15): rounds of 100 `Creation_H7` posted at once to the
 * customs API host (TLS), each answered 202; customs then calls the operator back at the API's
 * active url. The operator's system is an HTTP server of this process on 127.0.0.1 that checks the
 * Bearer token and answers 200 at once. Measured: from a declaration's acceptance (the
 * acknowledgement's `receivedAt`, the customs service's clock — same machine) to its Response_H7
 * reaching the operator.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "../../lib/db";
import { encryptSecret } from "../../lib/crypto/secrets";
import { DH7_API_CODE, sampleCreationH7 } from "../../lib/dh7/messages";
import { groupCpuMs } from "../lib/processes";
import { benchIdentifiant } from "../lib/setup";
import { fmt, percentile, table, type SectionResult } from "../lib/report";
import { BEARER_ACCOUNTS } from "./bearer";
import { obtainTokens, type Peers } from "./token-endpoint";

export const IN_FLIGHT = 100;
const ROUNDS = 5;
const ROUND_TIMEOUT_MS = 15_000;
export const GOAL_P95_MS = 1_000;
const OPERATOR_TOKEN = "Jeton-Retour-Bench-H7";

/** The operator's system: records when each Response_H7 with the right token arrives (by its customsDeclarationReference). */
async function startOperator(): Promise<{ origin: string; arrivals: Map<string, number>; rejected: () => number; close: () => Promise<void> }> {
  const arrivals = new Map<string, number>();
  let rejected = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      const at = Date.now();
      const authorized = req.headers.authorization === `Bearer ${OPERATOR_TOKEN}`;
      const reference = /\/declarations\/([^/]+)\/reponses$/.exec(req.url ?? "")?.[1];
      if (reference && authorized) arrivals.set(reference, at);
      else rejected += 1;
      res.writeHead(authorized ? 200 : 401, { "Content-Type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    arrivals,
    rejected: () => rejected,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The bench accounts' DeltaH7 url (active now: no pending change) and token, as a correspondent would have saved them. */
async function configureAccounts(url: string): Promise<void> {
  const api = await db().api.findUniqueOrThrow({ where: { code: DH7_API_CODE }, select: { id: true } });
  const secretCipher = encryptSecret(OPERATOR_TOKEN);
  for (let i = 0; i < BEARER_ACCOUNTS; i += 1) {
    const account = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: benchIdentifiant(i) }, select: { id: true } });
    const key = (fieldKey: string) => ({ apiAccountId_apiId_fieldKey: { apiAccountId: account.id, apiId: api.id, fieldKey } });
    const urlData = { value: url, pendingValue: null, pendingRequestedAt: null, pendingEffectiveAt: null };
    await db().apiFieldValue.upsert({ where: key("url"), create: { apiAccountId: account.id, apiId: api.id, fieldKey: "url", ...urlData }, update: urlData });
    await db().apiFieldValue.upsert({ where: key("token"), create: { apiAccountId: account.id, apiId: api.id, fieldKey: "token", secretCipher }, update: { secretCipher } });
  }
}

type Round = { acks: number; ackMs: number[]; latencies: number[]; missing: number; cpuMs: number; wallMs: number };

async function round(peers: Peers, tokens: string[], operator: Awaited<ReturnType<typeof startOperator>>, index: number): Promise<Round> {
  const tag = randomBytes(3).toString("hex");
  const cpuBefore = groupCpuMs(peers.customsApi);
  const started = performance.now();
  const sent = await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, i) => {
      const t0 = performance.now();
      const response = await fetch(`${peers.customsApi.url}/dh7/declarations/creer`, {
        method: "POST",
        headers: { Authorization: `Bearer ${tokens[i % tokens.length]}`, "Content-Type": "application/json" },
        body: JSON.stringify(sampleCreationH7(`B${index}-${tag}-${i}`)),
      });
      const body = (await response.json()) as { customsDeclarationReference?: string; receivedAt?: string };
      return { status: response.status, ms: performance.now() - t0, reference: body.customsDeclarationReference, acceptedAt: body.receivedAt ? Date.parse(body.receivedAt) : Number.NaN };
    }),
  );
  const accepted = sent.filter((s) => s.status === 202 && s.reference);
  const deadline = Date.now() + ROUND_TIMEOUT_MS;
  while (Date.now() < deadline && accepted.some((s) => !operator.arrivals.has(s.reference!))) await new Promise((r) => setTimeout(r, 20));
  const wallMs = performance.now() - started;
  const cpuMs = groupCpuMs(peers.customsApi) - cpuBefore;
  const latencies = accepted.flatMap((s) => {
    const arrival = operator.arrivals.get(s.reference!);
    return arrival !== undefined ? [Math.max(0, arrival - s.acceptedAt)] : [];
  });
  return { acks: accepted.length, ackMs: sent.map((s) => s.ms), latencies, missing: accepted.length - latencies.length, cpuMs, wallMs };
}

export async function dh7CallbackSection(peers: Peers): Promise<SectionResult> {
  const operator = await startOperator();
  try {
    await configureAccounts(`${operator.origin}/operateur/h7`);
    const tokens = (await obtainTokens(peers.customsToken, peers, BEARER_ACCOUNTS)).map((t) => t.access_token);
    await round(peers, tokens, operator, -1); // warm-up, not counted
    const rounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i += 1) rounds.push(await round(peers, tokens, operator, i));

    const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const ackMs = rounds.flatMap((r) => r.ackMs).sort((a, b) => a - b);
    const declared = ROUNDS * IN_FLIGHT;
    const acks = rounds.reduce((n, r) => n + r.acks, 0);
    const missing = rounds.reduce((n, r) => n + r.missing, 0);
    const cpuPerDeclaration = rounds.reduce((n, r) => n + r.cpuMs, 0) / Math.max(1, acks);
    const attempts = await db().customsCallback.groupBy({ by: ["status", "attempts"], where: { apiCode: DH7_API_CODE, kind: "RESPONSE" }, _count: true });
    const firstAttempt = attempts.filter((a) => a.status === "SENT" && a.attempts === 1).reduce((n, a) => n + a._count, 0);
    const p95 = percentile(latencies, 95);
    const met = acks === declared && missing === 0 && operator.rejected() === 0 && p95 <= GOAL_P95_MS;

    const markdown = [
      `${ROUNDS} rounds (after one warm-up round) of **${IN_FLIGHT} declarations posted at once** to the customs API host over TLS (\`POST /dh7/declarations/creer\`, ${BEARER_ACCOUNTS} accounts habilitated on DeltaH7, a new LRN each, so each is accepted). Each acknowledgement (202) carries \`receivedAt\`; the Response_H7 then goes to the account's active url — an HTTP server of the bench on 127.0.0.1 that checks \`Authorization: Bearer <the API's token>\` and answers 200. Latency: from \`receivedAt\` to the callback's arrival (one clock: same machine).`,
      "",
      table(
        ["Measure", "Figure"],
        [
          ["Declarations acknowledged (202)", `${fmt(acks)} / ${fmt(declared)}`],
          ["Response_H7 received by the operator (token checked)", `${fmt(latencies.length)} (missing after ${ROUND_TIMEOUT_MS / 1000} s: ${missing}; refused by the operator: ${operator.rejected()})`],
          ["Callback latency after acceptance p50 / p95 / max (ms)", `${fmt(percentile(latencies, 50), 0)} / **${fmt(p95, 0)}** / ${fmt(latencies.at(-1), 0)}`],
          ["Acknowledgement time p50 / p95 (ms), client side, 100 at once", `${fmt(percentile(ackMs, 50), 0)} / ${fmt(percentile(ackMs, 95), 0)}`],
          ["Round wall time, first POST to last callback (ms, mean)", fmt(rounds.reduce((n, r) => n + r.wallMs, 0) / ROUNDS, 0)],
          ["Customs service CPU per declaration (acknowledgement + delivery, ms)", fmt(cpuPerDeclaration, 2)],
          ["Response_H7 delivered at the first attempt (whole run, warm-up included)", fmt(firstAttempt)],
        ],
      ),
      "",
      "Each declaration is written with the callback it calls for in one transaction (SQLite, WAL); the row is created already claimed by the process that acknowledges (so the portal's sweep, running meanwhile, never sends it too), which delivers it as soon as that transaction commits — one query for the url in force and the token, the request, then the attempt and the row's new state in one batch transaction. A callback that fails waits for its retry (5 s, 30 s, 2 min, 10 min), so one failure would show here as a latency over 5 s.",
    ].join("\n");
    return {
      title: "DeltaH7 callbacks under load",
      markdown,
      goals: [
        {
          goal: `A declaration's Response_H7 delivered within ${fmt(GOAL_P95_MS)} ms of its acceptance (p95) with ${IN_FLIGHT} declarations in flight`,
          figure: `p95 ${fmt(p95, 0)} ms (p50 ${fmt(percentile(latencies, 50), 0)}, max ${fmt(latencies.at(-1), 0)}), ${fmt(latencies.length)}/${fmt(declared)} delivered, ${fmt(cpuPerDeclaration, 2)} ms CPU per declaration`,
          met,
          bound: `Every declaration of a round is acknowledged and delivered by one process on 2 shared cores: ${fmt(cpuPerDeclaration, 2)} ms of CPU each (the TLS request, the bearer check, the write transaction, the callback and its record), so ${IN_FLIGHT} at once queue behind each other; missing or refused callbacks: ${missing} / ${operator.rejected()}.`,
        },
      ],
    };
  } finally {
    await operator.close();
  }
}
