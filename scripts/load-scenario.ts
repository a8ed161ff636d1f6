/**
 * `npm run db:scenario -- <id>`: empties the database of DATABASE_URL and loads a trainer's
 * scenario (lib/scenarios). Without an id, lists them. Exit code 0 loaded, 1 error, 2 usage.
 */
import { loadLocalEnv } from "../lib/env-file";
import { db } from "../lib/db";
import { SCENARIOS, isScenarioId } from "../lib/scenarios/catalog";
import { runScenario } from "../lib/scenarios/service";
import { DEMO_API_PASSWORD, DEMO_PASSWORD } from "../prisma/demo-data";

function usage(): string {
  const lines = SCENARIOS.map((s) => `  ${s.id.padEnd(20)} ${s.name} — ${s.summary}`);
  return ["Usage : npm run db:scenario -- <scénario>", "", "Scénarios :", ...lines].join("\n");
}

async function main(): Promise<number> {
  loadLocalEnv();
  const id = process.argv[2];
  if (!id || id === "--help" || id === "-h") {
    console.log(usage());
    return id ? 0 : 2;
  }
  if (!isScenarioId(id)) {
    console.error(`Scénario inconnu : ${id}\n\n${usage()}`);
    return 2;
  }
  const loaded = await runScenario(id, null);
  const info = SCENARIOS.find((s) => s.id === loaded.id)!;
  console.log(`Scénario « ${loaded.name} » chargé (horloge de démonstration remise à l'heure réelle).`);
  console.log(info.summary);
  console.log(`Connexions (mot de passe des personnes : ${DEMO_PASSWORD} ; des comptes API : ${DEMO_API_PASSWORD}) :`);
  for (const l of info.logins) console.log(`  ${l.login.padEnd(24)} ${l.why}`);
  console.log("Une console déjà lancée garde son heure en mémoire : « Revenir à l'heure réelle » dans Formation, ou relancez-la.");
  return 0;
}

main()
  .then(async (code) => {
    await db().$disconnect();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(error);
    await db().$disconnect();
    process.exit(1);
  });
