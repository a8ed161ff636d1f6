/**
 * Child process for the durability tests: writes audit events through the console's own write
 * path (Prisma + lib/audit) one transaction at a time and prints each id AFTER its commit.
 * Usage: DATABASE_URL=file:… tsx tests/support/write-burst.ts <count> <tag>
 */
import { db } from "../../lib/db";

async function main() {
  const count = Number(process.argv[2] ?? 1000);
  const tag = process.argv[3] ?? "burst";
  process.stdout.write("READY\n");
  for (let i = 0; i < count; i++) {
    const row = await db().auditEvent.create({ data: { action: "DURABILITY_TEST", details: JSON.stringify({ tag, i }) } });
    process.stdout.write(`COMMITTED ${row.id}\n`);
  }
  await db().$disconnect();
  process.stdout.write("DONE\n");
}

void main();
