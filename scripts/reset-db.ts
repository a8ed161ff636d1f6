/** Empties the database of DATABASE_URL and loads the demo data again (tests and trainers). */
import { loadLocalEnv } from "../lib/env-file";
import { db } from "../lib/db";
import { seedDemo } from "../prisma/demo-data";
import { wipeDatabase } from "../prisma/wipe";

async function main() {
  loadLocalEnv();
  await wipeDatabase(db());
  await seedDemo(db());
  await db().$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
