/**
 * The accounts list with 10,000 accounts on 10,000 SIRETs for one correspondent (bench@demo.fr):
 * measured twice — the server-side data function listAccounts() called directly (in this process,
 * same database file), and the rendered page /comptes-api over HTTP with a session cookie.
 */
import { listAccounts, type AccountListQuery } from "../../lib/accounts/data";
import { liveFingerprint } from "../../lib/live/fingerprint";
import { LIVE_POLL_MS } from "../../lib/live/poll";
import { db } from "../../lib/db";
import { DEMO_PASSWORD } from "../../prisma/demo-data";
import { BENCH_EMAIL } from "../../scripts/bulk-seed";
import type { Server } from "../lib/processes";
import { fmt, percentile, table, type GoalCheck, type SectionResult } from "../lib/report";

const ITERATIONS = 40;
const HTTP_ITERATIONS = 25;
const WARMUP = 3;
export const GOAL_P95_MS = 60;

type Case = { label: string; query: AccountListQuery; href: string };

const CASES: Case[] = [
  { label: "page 1", query: {}, href: "/comptes-api" },
  { label: "middle page (250 of 500)", query: { page: 250 }, href: "/comptes-api?page=250" },
  { label: "search, identifiant fragment `bench-api-0424` (10 hits)", query: { q: "bench-api-0424" }, href: "/comptes-api?q=bench-api-0424" },
  { label: "search, email domain `banc-essai` (10,000 hits, page 1)", query: { q: "banc-essai" }, href: "/comptes-api?q=banc-essai" },
];

type Timing = { p50: number; p95: number; rows: number };

async function time(iterations: number, once: () => Promise<number>): Promise<Timing> {
  let rows = 0;
  for (let i = 0; i < WARMUP; i += 1) rows = await once();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = performance.now();
    rows = await once();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), rows };
}

/**
 * fetch, once more when a kept-alive connection turns out closed by the server ("other side
 * closed": the previous section left hundreds of idle sockets in the pool, which the server closes
 * after its keep-alive timeout) — as browsers retry a request on a reused connection.
 */
async function fetchAgain(input: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : "";
    if (!/other side closed|socket hang up|ECONNRESET/i.test(cause)) throw error;
    return fetch(input, init);
  }
}

/** Signs in through next-auth's credentials endpoint, as the login form does; returns the Cookie header. */
async function signIn(server: Server, email: string, password: string): Promise<string> {
  const csrf = await fetchAgain(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  };
  keep(csrf);
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetchAgain(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${server.url}/comptes-api`, json: "true" }).toString(),
  });
  keep(response);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`sign-in of ${email} failed (${response.status})`);
  return cookieHeader();
}

export async function accountsListSection(console_: Server): Promise<SectionResult> {
  const actor = await db().user.findUniqueOrThrow({ where: { email: BENCH_EMAIL }, select: { id: true, email: true, name: true, role: true } });
  const total = (await listAccounts(actor, {})).total;

  const direct: Timing[] = [];
  for (const c of CASES) direct.push(await time(ITERATIONS, async () => (await listAccounts(actor, c.query)).rows.length));

  const cookie = await signIn(console_, BENCH_EMAIL, DEMO_PASSWORD);
  const http: Timing[] = [];
  for (const c of CASES) {
    http.push(
      await time(HTTP_ITERATIONS, async () => {
        const response = await fetchAgain(`${console_.url}${c.href}`, { headers: { cookie }, redirect: "manual" });
        const html = await response.text();
        if (response.status !== 200 || !html.includes("Liste des comptes API")) throw new Error(`${c.href}: ${response.status}`);
        return (html.match(/<tr/g) ?? []).length - 1;
      }),
    );
  }

  // The same signed-in shell without any list: what Next.js, the session check and the layout cost alone.
  const helpPage = await time(HTTP_ITERATIONS, async () => {
    const response = await fetchAgain(`${console_.url}/aide`, { headers: { cookie }, redirect: "manual" });
    await response.text();
    if (response.status !== 200) throw new Error(`/aide: ${response.status}`);
    return 0;
  });

  // What an open page costs while it stays live: one GET /api/live per visible tab every LIVE_POLL_MS.
  const liveDirect = await time(ITERATIONS, async () => (await liveFingerprint(actor)).length);
  const liveHttp = await time(HTTP_ITERATIONS, async () => {
    const response = await fetchAgain(`${console_.url}/api/live`, { headers: { cookie }, redirect: "manual" });
    const body = (await response.json()) as { version?: string };
    if (response.status !== 200 || !body.version) throw new Error(`/api/live: ${response.status}`);
    return 0;
  });

  const rows = CASES.map((c, i) => [c.label, fmt(direct[i]!.rows), fmt(direct[i]!.p50, 1), fmt(direct[i]!.p95, 1), fmt(http[i]!.p50, 1), fmt(http[i]!.p95, 1)]);
  rows.push(["`/aide` (help page of the same signed-in shell, no list) — the page floor", "—", "—", "—", fmt(helpPage.p50, 1), fmt(helpPage.p95, 1)]);
  rows.push(["`GET /api/live` (an open page's poll; the data column is liveFingerprint())", "—", fmt(liveDirect.p50, 1), fmt(liveDirect.p95, 1), fmt(liveHttp.p50, 1), fmt(liveHttp.p95, 1)]);
  const goals: GoalCheck[] = [];
  const worstDirect = Math.max(...direct.map((t) => t.p95));
  const worstHttp = Math.max(...http.map((t) => t.p95));
  goals.push({
    goal: `Accounts list p95 ≤ ${GOAL_P95_MS} ms at 10,000 accounts — server-side listAccounts()`,
    figure: `worst case p95 ${fmt(worstDirect, 1)} ms (${CASES.map((c, i) => `${c.label.split(",")[0]} ${fmt(direct[i]!.p95, 1)}`).join(", ")})`,
    met: worstDirect <= GOAL_P95_MS,
  });
  goals.push({
    goal: `Accounts list p95 ≤ ${GOAL_P95_MS} ms — whole rendered page over HTTP (for information: the goal is the server time above)`,
    figure: `worst case p95 ${fmt(worstHttp, 1)} ms (the signed-in page floor, \`/aide\`: p95 ${fmt(helpPage.p95, 1)} ms)`,
    met: worstHttp <= GOAL_P95_MS,
    bound:
      `The page is the signed-in page floor (\`/aide\`, same shell and session check, no list: p95 ${fmt(helpPage.p95, 1)} ms) plus listAccounts() ` +
      `(p95 ${fmt(worstDirect, 1)} ms) plus the server rendering of the 20 rows and the pagination.`,
  });
  const markdown = [
    `${fmt(total)} API accounts on as many SIRETs, all in the scope of one correspondent (\`${BENCH_EMAIL}\`, \`npm run db:seed:bulk\`), 20 rows a page.`,
    "",
    `Two measures: **listAccounts()** — the server-side data function of the page (scope filter, search, count, page of rows with their habilitations, status per row) called directly in the bench process on the same SQLite file, ${ITERATIONS} times after ${WARMUP} warm-ups; and the **rendered page** \`GET /comptes-api…\` over HTTP on loopback with a session cookie of ${BENCH_EMAIL}, ${HTTP_ITERATIONS} sequential requests after ${WARMUP} warm-ups (session check + listAccounts + React server rendering + transfer of the HTML).`,
    "",
    table(["Case", "Rows", "listAccounts p50 (ms)", "listAccounts p95 (ms)", "HTTP page p50 (ms)", "HTTP page p95 (ms)"], rows),
    "",
    `**Pages that stay live**: each visible tab of the console asks \`GET /api/live\` every ${LIVE_POLL_MS / 1000} s (${60_000 / LIVE_POLL_MS} requests a minute; none while the tab is hidden, one more when it comes back), and refreshes the page only when the answer changes. ` +
      `At p50 ${fmt(liveHttp.p50, 1)} ms of wall time per poll for this correspondent of ${fmt(total)} SIRETs, 100 open tabs cost ${fmt((100 * liveHttp.p50) / LIVE_POLL_MS * 100, 1)} % of one core at most (100 × ${fmt(liveHttp.p50, 1)} ms every ${LIVE_POLL_MS / 1000} s).`,
  ].join("\n");
  return { title: "Accounts list at 10,000 accounts", markdown, goals };
}
