/**
 * `npm run db:seed` — loads the demo data (idempotent).
 * `--if-empty` (used by the run command): only when the database has no user yet.
 */
import { loadLocalEnv } from "../lib/env-file";
import { db } from "../lib/db";
import { demoLogins, seedDemo } from "./demo-data";

async function main() {
  loadLocalEnv();
  const prisma = db();
  if (process.argv.includes("--if-empty") && (await prisma.user.count()) > 0) {
    console.log("Base déjà initialisée : données de démonstration conservées.");
    return;
  }
  await seedDemo(prisma);
  console.log("Données de démonstration chargées. Comptes de démonstration :");
  for (const line of demoLogins()) console.log(`  ${line}`);
}

main()
  .then(() => db().$disconnect())
  .catch(async (error) => {
    console.error(error);
    await db().$disconnect();
    process.exit(1);
  });
