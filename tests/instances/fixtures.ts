/**
 * Database fixtures of the multi-instance suite, run against the shared database
 * (`npx tsx tests/instances/fixtures.ts <command>` with DATABASE_URL): prints a JSON result.
 *  - setup: the catalogue, api-demo-1 habilitated on DeltaH7, a request pending on Gamma2;
 *  - due-url: a url change of api-demo-1's DeltaH7 whose effective time has just passed.
 */
import { db } from "../../lib/db";
import { now } from "../../lib/clock";
import { ensureCatalogueApis, habilitate } from "../support/apis";

async function account() {
  return db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" }, include: { establishment: true } });
}

const COMMANDS: Record<string, () => Promise<unknown>> = {
  async setup() {
    await ensureCatalogueApis(db());
    const a = await account();
    await habilitate(db(), a.id, "DELTA_H7");
    const gamma = await db().api.findUniqueOrThrow({ where: { code: "GAMMA2" } });
    const request = await db().habilitationRequest.create({
      data: { apiAccountId: a.id, siret: a.establishment.siret, identifiant: a.identifiant, createdAt: now(), items: { create: [{ apiId: gamma.id }] } },
      include: { items: true },
    });
    return { accountId: a.id, requestId: request.id, itemId: request.items[0]!.id };
  },
  async "due-url"() {
    const a = await account();
    const dh7 = await db().api.findUniqueOrThrow({ where: { code: "DELTA_H7" } });
    const url = `https://retours-${Date.now()}.transports-exemple.fr/dh7`;
    const at = now();
    await db().apiFieldValue.upsert({
      where: { apiAccountId_apiId_fieldKey: { apiAccountId: a.id, apiId: dh7.id, fieldKey: "url" } },
      update: { pendingValue: url, pendingRequestedAt: at, pendingEffectiveAt: new Date(at.getTime() - 1000), effectiveNotifiedAt: null },
      create: { apiAccountId: a.id, apiId: dh7.id, fieldKey: "url", pendingValue: url, pendingRequestedAt: at, pendingEffectiveAt: new Date(at.getTime() - 1000) },
    });
    return { url };
  },
};

async function main() {
  const command = process.argv[2];
  const run = command ? COMMANDS[command] : undefined;
  if (!run) throw new Error(`Commande inconnue : ${command}`);
  process.stdout.write(JSON.stringify(await run()));
}

main()
  .then(() => db().$disconnect())
  .catch(async (error) => {
    console.error(error);
    await db().$disconnect();
    process.exit(1);
  });
