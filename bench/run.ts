/**
 * `npm run bench` — builds the console, prepares its own SQLite database, starts the console
 * (`server.ts`, as `npm start`) and the two peers on 127.0.0.1 only, measures, stops every server it started
 * (even on failure or Ctrl-C) and writes bench/RESULTS.md.
 *
 * Options: `--no-build` reuses the existing .next build (faster reruns while working on the bench);
 * `--only dh7` runs only the DeltaH7 callback section on SQLite and prints it (RESULTS.md is left as is).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "../lib/db";
import { load1, machine } from "./lib/machine";
import { assertPortFree, killAllNow, startServer, stopAll, waitForHttp } from "./lib/processes";
import { fmt, verdict, type SectionResult } from "./lib/report";
import { BENCH_DIR, BENCH_TLS_DIR, benchEnv, benchIdentifiant, build, HOST, PORTS, postmasterPid, prepareDatabase, startPostgres, stopPostgres } from "./lib/setup";
import { enginesSection } from "./sections/engines";
import { accountsListSection } from "./sections/accounts-list";
import { bearerSection, BEARER_ACCOUNTS } from "./sections/bearer";
import { breakdownSection } from "./sections/breakdown";
import { bundlesSection } from "./sections/bundles";
import { passwordGrantSection, PASSWORD_ACCOUNTS, refreshGrantSection, type Peers } from "./sections/token-endpoint";
import { tokenClientSection } from "./sections/token-client";
import { dh7CallbackSection } from "./sections/dh7-callbacks";

const RESULTS = path.resolve("bench/RESULTS.md");

function step(message: string): void {
  console.log(`\n[bench] ${message} (charge machine 1 min : ${load1()})`);
}

async function startServers(env: NodeJS.ProcessEnv): Promise<Peers> {
  for (const port of Object.values(PORTS)) await assertPortFree(HOST, port);
  const node = process.execPath;
  const consoleServer = startServer("console", `http://${HOST}:${PORTS.console}`, node, ["node_modules/tsx/dist/cli.mjs", "server.ts"], { ...env, HOST, PORT: String(PORTS.console) });
  const peerAccounts = Array.from({ length: Math.max(PASSWORD_ACCOUNTS, BEARER_ACCOUNTS) }, (_, i) => benchIdentifiant(i));
  const oauth2Server = startServer(
    "oauth2-server",
    `http://${HOST}:${PORTS.oauth2Server}`,
    node,
    ["--import", "tsx", "bench/peers/oauth2-server-peer.ts", String(PORTS.oauth2Server), ...peerAccounts],
    env,
  );
  const oauth2ServerDb = startServer(
    "oauth2-server-sqlite",
    `http://${HOST}:${PORTS.oauth2ServerDb}`,
    node,
    ["--import", "tsx", "bench/peers/oauth2-server-peer.ts", "--persistent", path.join(BENCH_DIR, "oauth2-server-peer.db"), String(PORTS.oauth2ServerDb), ...peerAccounts],
    env,
  );
  const mockServer = startServer("oauth2-mock-server", `http://${HOST}:${PORTS.mockServer}`, node, ["--import", "tsx", "bench/peers/oauth2-mock-server-peer.mts", String(PORTS.mockServer)], env);
  // The customs service, as `npm run console` starts it (TLS), and the same in plain http.
  const customsArgs = ["node_modules/tsx/dist/cli.mjs", "customs-service.ts"];
  const customsEnv = { ...env, HOST, CUSTOMS_TLS_DIR: BENCH_TLS_DIR, CUSTOMS_TOKEN_BASE_URL: `https://${HOST}:${PORTS.customsToken}`, CUSTOMS_API_BASE_URL: `https://${HOST}:${PORTS.customsApi}` };
  const customs = startServer("customs-tls", `https://${HOST}:${PORTS.customsToken}`, node, customsArgs, {
    ...customsEnv,
    CUSTOMS_TOKEN_PORT: String(PORTS.customsToken),
    CUSTOMS_API_PORT: String(PORTS.customsApi),
  });
  const customsPlain = startServer("customs-http", `http://${HOST}:${PORTS.customsPlainToken}`, node, customsArgs, {
    ...customsEnv,
    CUSTOMS_TOKEN_BASE_URL: `http://${HOST}:${PORTS.customsPlainToken}`,
    CUSTOMS_API_BASE_URL: `http://${HOST}:${PORTS.customsPlainApi}`,
    CUSTOMS_TLS: "off",
    CUSTOMS_TOKEN_PORT: String(PORTS.customsPlainToken),
    CUSTOMS_API_PORT: String(PORTS.customsPlainApi),
  });
  await Promise.all([
    waitForHttp(consoleServer, "/login"),
    waitForHttp(oauth2Server, "/"),
    waitForHttp(oauth2ServerDb, "/"),
    waitForHttp(mockServer, "/.well-known/openid-configuration"),
    waitForHttp(customs, "/oauth2/jwks"),
    waitForHttp(customsPlain, "/oauth2/jwks"),
  ]);
  const customsApi = { ...customs, name: "customs-tls (API host)", url: `https://${HOST}:${PORTS.customsApi}` };
  const customsPlainApi = { ...customsPlain, name: "customs-http (API host)", url: `http://${HOST}:${PORTS.customsPlainApi}` };
  return { console: consoleServer, oauth2Server, mockServer, customsToken: customs, customsApi, customsPlainApi, oauth2ServerDb };
}

/** What bounds the password grant against oauth2-server, from this run's breakdown. */
function explainPasswordGrant(password: SectionResult, breakdown: SectionResult): void {
  const goal = password.goals[0];
  const d = breakdown.data;
  const ours = password.loads?.ours;
  const peer = password.loads?.peer;
  if (!goal || d?.argonMs === undefined || !ours?.cpuMsPerRequest || !peer?.cpuMsPerRequest) return;
  goal.bound =
    `Both verify argon2id (${fmt(d.argonMs, 1)} ms of CPU here). Per grant the customs token host spends ${fmt(ours.cpuMsPerRequest, 1)} ms of server CPU against ` +
    `${fmt(peer.cpuMsPerRequest, 1)} ms for oauth2-server doing the same work: the console's handler alone costs ${fmt(d.grantMs, 1)} ms in-process — argon2id, then ` +
    `Prisma queries (account lookup with its credentials version, active signing key, limiter, one insert of the two token rows; Prisma 6.19 compiles each ` +
    `query on the event loop, about 1 ms of CPU here) and the RS512 id_token signature (${fmt(d.signMs, 1)} ms with the key lookup) — plus TLS, which the peer ` +
    `(plain http, better-sqlite3 statements prepared once) does not pay. When the 2 cores are the limit, throughput follows CPU per grant: ` +
    `peer / customs = ${fmt(peer.cpuMsPerRequest / ours.cpuMsPerRequest, 2)} here.`;
}

function render(m: ReturnType<typeof machine>, loads: { start: number; end: number }, sections: SectionResult[], durationS: number): string {
  const goals = sections.flatMap((s) => s.goals);
  return [
    "# `npm run bench` — results",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand. Every figure below comes from one run.",
    "",
    "## Machine",
    "",
    `- Date: ${m.date}`,
    `- CPU: ${m.cpuModel} × ${m.cores} cores; RAM ${m.ramGiB} GiB; ${m.os}`,
    `- Node.js ${m.node}; servers on 127.0.0.1, the load generator (autocannon) on the same machine`,
    `- Machine load average (1 min) at start / end: ${loads.start} / ${loads.end} — other work running on this shared machine takes CPU from the servers and from the load generator; the "server CPU per request" columns are much less sensitive to it than req/s.`,
    `- Run time: ${Math.round(durationS)} s`,
    "",
    "## Goals",
    "",
    "| Goal | Figure | Verdict |",
    "| --- | --- | --- |",
    ...goals.map((g) => `| ${g.goal} | ${g.figure} | ${verdict(g.met)} |`),
    "",
    "### What bounds the missed goals",
    "",
    ...(goals.some((g) => g.met === false)
      ? goals.filter((g) => g.met === false).map((g) => `- **${g.goal}** — ${g.bound ?? "see its section below."}`)
      : ["None: every measured goal is met."]),
    "",
    ...sections.flatMap((s) => [`## ${s.title}`, "", s.markdown, ""]),
  ].join("\n");
}

async function main() {
  const started = performance.now();
  const at = new Date();
  const m = machine(at);
  const loadStart = load1();
  const env = benchEnv();
  const noBuild = process.argv.includes("--no-build");
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
  if (only !== null && only !== "dh7") throw new Error(`--only : section inconnue « ${only} » (dh7)`);
  for (const port of Object.values(PORTS)) await assertPortFree(HOST, port);

  if (!noBuild) {
    step("next build");
    build(env);
  }
  if (only === "dh7") {
    await prepareDatabase(env, BEARER_ACCOUNTS);
    const peers = await startServers(env);
    try {
      const section = await dh7CallbackSection(peers);
      console.log(`\n## ${section.title}\n\n${section.markdown}\n\n${section.goals.map((g) => `${g.goal}: ${g.figure} — ${verdict(g.met)}`).join("\n")}`);
    } finally {
      await stopAll();
      await db().$disconnect();
    }
    return;
  }
  step(`PostgreSQL : cluster de test sur 127.0.0.1 (migrations, démo, 10 000 comptes)`);
  const pgUrl = startPostgres(env);
  const pgEnv = { ...env, DATABASE_URL: pgUrl };
  await prepareDatabase(pgEnv, BEARER_ACCOUNTS);
  step(`base de données ${BENCH_DIR}/bench.db (migrations, démo, 10 000 comptes)`);
  await prepareDatabase(env, BEARER_ACCOUNTS);

  step("démarrage de la console et des pairs");
  const peers = await startServers(env);
  const node = process.execPath;
  const serverArgs = ["node_modules/tsx/dist/cli.mjs", "server.ts"];
  const consolePg = startServer("console-pg", `http://${HOST}:${PORTS.consolePg}`, node, serverArgs, { ...pgEnv, HOST, PORT: String(PORTS.consolePg) });
  const consolePgB = startServer("console-pg-b", `http://${HOST}:${PORTS.consolePgB}`, node, serverArgs, { ...pgEnv, HOST, PORT: String(PORTS.consolePgB) });
  await Promise.all([waitForHttp(consolePg, "/login"), waitForHttp(consolePgB, "/login")]);
  const sections: SectionResult[] = [];
  try {
    step("jeton : grant password");
    const password = await passwordGrantSection(peers);
    sections.push(password);
    step("jeton : grant refresh_token");
    sections.push(await refreshGrantSection(peers));
    step("appels d'API avec jeton Bearer");
    const bearer = await bearerSection(peers);
    sections.push(bearer);
    step("coût par requête, sans HTTP");
    const breakdown = await breakdownSection({ password: password.loads!.ours!, bearer: bearer.loads!.ours!, floor: bearer.loads!.floor!, lean: bearer.loads!.lean! });
    sections.push(breakdown);
    explainPasswordGrant(password, breakdown);
    step("DeltaH7 : 100 déclarations en vol, appels retours");
    sections.push(await dh7CallbackSection(peers));
    step("client de jeton : 1 000 appels simultanés");
    sections.push(await tokenClientSection(peers.console));
    step("liste des comptes (10 000)");
    sections.push(await accountsListSection(peers.console));
    step("PostgreSQL à côté de SQLite ; deux instances");
    sections.push(
      await enginesSection(
        { sqlite: peers.console, pg: consolePg, pgB: consolePgB, pgCpuGroups: () => [postmasterPid()] },
        { sqlite: env.DATABASE_URL!, pg: pgUrl },
      ),
    );
    step("JS au premier chargement");
    sections.push(bundlesSection());
  } finally {
    step("arrêt des serveurs");
    await stopAll();
    await db().$disconnect();
    stopPostgres();
  }
  const markdown = render(m, { start: loadStart, end: load1() }, sections, (performance.now() - started) / 1000);
  writeFileSync(RESULTS, markdown);
  console.log(`\n${markdown}\n\n[bench] ${RESULTS} écrit.`);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    killAllNow();
    process.exit(130);
  });
}
process.on("exit", killAllNow);

main().catch(async (error) => {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
  console.error("[bench] échec :", error instanceof Error ? `${error.message}${cause}\n${error.stack ?? ""}` : error);
  await stopAll();
  process.exit(1);
});
