/**
 * The e2e suites' fixture service: one long-lived process, started by scripts/e2e-server.sh next
 * to the servers with the same environment (database, keys), that puts the e2e database back to
 * the demo data, applies habilitation states, loads trainers' scenarios, the OAuth suite's and the
 * authorisation matrix's fixtures on request — the same code the scripts run (scripts/reset-db.ts, scripts/load-scenario.ts, ./scenario.ts,
 * ./oauth-fixtures.ts, ./authz-fixtures.ts), without starting
 * a `npx tsx` process for each call (about 1.4 s each, some sixty times a run).
 * Listens on 127.0.0.1 only (E2E_FIXTURES_PORT); one request at a time, in order; ./fixtures.ts calls it.
 */
import { createServer, type IncomingMessage } from "node:http";
import { db } from "../../lib/db";
import { seedDemo } from "../../prisma/demo-data";
import { wipeDatabase } from "../../prisma/wipe";
import { OAUTH_FIXTURES } from "./oauth-fixtures";
import { applyHabilitationSpec, type HabilitationSpec } from "./scenario";
import { buildAuthzFixtures } from "./authz-fixtures";
import { isScenarioId } from "../../lib/scenarios/catalog";
import { runScenario } from "../../lib/scenarios/service";

const port = Number(process.env.E2E_FIXTURES_PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error("E2E_FIXTURES_PORT manquant");

const COMMANDS: Record<string, (args: never) => Promise<unknown>> = {
  reset: async () => {
    await wipeDatabase(db());
    await seedDemo(db());
    return { ok: true };
  },
  habilitations: async (spec: HabilitationSpec) => {
    await applyHabilitationSpec(spec);
    return { ok: true };
  },
  authz: buildAuthzFixtures,
  // As `npm run db:scenario -- <id>` (scripts/load-scenario.ts).
  scenario: async ({ id }: { id: string }) => {
    if (!isScenarioId(id)) throw new Error(`Scénario inconnu : ${id}`);
    const loaded = await runScenario(id, null);
    return { id: loaded.id, name: loaded.name };
  },
  ...Object.fromEntries(Object.entries(OAUTH_FIXTURES).map(([name, run]) => [`oauth/${name}`, run])),
};

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? (JSON.parse(text) as unknown) : {};
}

let queue: Promise<unknown> = Promise.resolve();

const server = createServer((req, res) => {
  const name = (req.url ?? "/").replace(/^\//, "");
  const run = req.method === "POST" ? COMMANDS[name] : undefined;
  if (!run) {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end(`Commande inconnue : ${req.method} /${name}\n`);
    return;
  }
  queue = queue.then(async () => {
    try {
      const result = await run((await body(req)) as never);
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(result ?? null));
    } catch (error) {
      console.error(`[fixtures] ${name}:`, error);
      // 422, not 500: curl's --retry would run a failed command again.
      res.writeHead(422, { "Content-Type": "text/plain; charset=utf-8" }).end(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  });
});
server.listen(port, "127.0.0.1", () => console.log(`[fixtures] prêt sur 127.0.0.1:${port}`));
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    server.close();
    void db()
      .$disconnect()
      .finally(() => process.exit(0));
  });
}
