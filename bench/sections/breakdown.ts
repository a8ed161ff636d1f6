/**
 * Where a request's CPU goes: the console's own handlers called in the bench process (no HTTP, no
 * Next.js), one at a time, against the same database — set beside the per-request server CPU
 * measured over HTTP, the difference is what Next.js and the HTTP layer cost.
 */
import { hashPassword, HASH_PARAMS, verifyPassword } from "../../lib/auth/password";
import { consoleBaseUrl } from "../../lib/oauth/environments";
import { handleSimulatedApi } from "../../lib/oauth/resource";
import { handleTokenRequest } from "../../lib/oauth/token-endpoint";
import { signIdToken } from "../../lib/oauth/tokens";
import { DEMO_API_PASSWORD } from "../../prisma/demo-data";
import type { LoadResult } from "../lib/load";
import { fmt, table, type SectionResult } from "../lib/report";
import { benchIdentifiant } from "../lib/setup";

type Cost = { cpuMs: number; wallMs: number };

async function cost(iterations: number, once: (i: number) => Promise<unknown>): Promise<Cost> {
  for (let i = 0; i < 3; i += 1) await once(i);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) await once(i);
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000 / iterations, wallMs: (performance.now() - start) / iterations };
}

function tokenRequest(fields: Record<string, string>): Request {
  return new Request(`${consoleBaseUrl()}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "127.0.0.1" },
    body: new URLSearchParams(fields).toString(),
  });
}

function passwordFields(i: number): Record<string, string> {
  return { grant_type: "password", client_id: "gun-api", scope: "openid", username: benchIdentifiant(i % 50), password: DEMO_API_PASSWORD };
}

async function expectOk(response: Response): Promise<void> {
  if (response.status !== 200) throw new Error(`breakdown: ${response.status} ${await response.text()}`);
}

export async function breakdownSection(http: { password: LoadResult; bearer: LoadResult; floor: LoadResult; lean: LoadResult }): Promise<SectionResult> {
  const hashed = await hashPassword(DEMO_API_PASSWORD);
  const argon = await cost(20, () => verifyPassword(hashed, DEMO_API_PASSWORD));
  const sign = await cost(100, () => signIdToken("bench", 0, 0, "a".repeat(64)));
  const grant = await cost(20, async (i) => expectOk(await handleTokenRequest(tokenRequest(passwordFields(i)))));

  const first = (await (await handleTokenRequest(tokenRequest(passwordFields(0)))).json()) as { access_token: string };
  const call = () => new Request(`${consoleBaseUrl()}/dh7/declarations`, { headers: { Authorization: `Bearer ${first.access_token}` } });
  const apiCall = await cost(2_000, async () => expectOk(await handleSimulatedApi(call(), "dh7")));

  const rows = [
    ["argon2id verify (m = 19456 KiB, t = 2, p = 1)", fmt(argon.cpuMs, 2), "—"],
    ["RS512 id_token signature (active key lookup + sign)", fmt(sign.cpuMs, 2), "—"],
    ["whole password grant, handler called directly (form, account lookup, argon2id, tokens, signature, insert) — over HTTP: the customs token host (TLS)", fmt(grant.cpuMs, 2), fmt(http.password.cpuMsPerRequest, 2)],
    ["bearer call to /dh7, handler called directly (cache hit) — over HTTP: the customs API host (TLS)", fmt(apiCall.cpuMs, 3), fmt(http.bearer.cpuMsPerRequest, 3)],
    ["the same bearer call on the customs API host in plain http", "—", fmt(http.lean.cpuMsPerRequest, 3)],
    ["the portal's route without token (401, no database) — Next.js and HTTP only", "—", fmt(http.floor.cpuMsPerRequest, 2)],
  ];
  const markdown = [
    "CPU per request of the console's own code, called in the bench process one request at a time (no HTTP, no TLS, no Next.js), next to the server CPU per request measured over HTTP under load in the sections above. argon2id runs on libuv's thread pool; the rest on the event loop.",
    "",
    table(["Work", "In-process CPU (ms)", "Over HTTP, server CPU (ms)"], rows),
    "",
    `Hashing parameters: argon2id m = ${HASH_PARAMS.memoryCost} KiB, t = ${HASH_PARAMS.timeCost}, p = ${HASH_PARAMS.parallelism}.`,
  ].join("\n");
  return {
    title: "Where the CPU goes",
    markdown,
    goals: [],
    data: { argonMs: argon.cpuMs, signMs: sign.cpuMs, grantMs: grant.cpuMs, apiCallMs: apiCall.cpuMs },
  };
}
