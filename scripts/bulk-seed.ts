/**
 * `npm run db:seed:bulk [-- <count>]` — a large data set for benchmarks: one company with <count>
 * establishments (valid SIRETs), one API account on each, all in the scope of one correspondent
 * (bench@demo.fr / Demo-Console-2026!). Idempotent: reruns top the set up to <count>.
 */
import { loadLocalEnv } from "../lib/env-file";
import { db } from "../lib/db";
import { hashPassword } from "../lib/auth/password";
import { luhnValid } from "../lib/siret";
import { DEMO_API_PASSWORD, DEMO_PASSWORD } from "../prisma/demo-data";

export const BENCH_SIREN = "552100554";
export const BENCH_EMAIL = "bench@demo.fr";

/** The i-th SIRET (0 ≤ i < 10,000) of the bench company: SIREN + 4-digit counter + the key digit that makes it Luhn-valid. */
export function benchSiret(i: number): string {
  const head = `${BENCH_SIREN}${String(i).padStart(4, "0")}`;
  for (let d = 0; d <= 9; d++) if (luhnValid(`${head}${d}`)) return `${head}${d}`;
  throw new Error("unreachable");
}

async function main() {
  loadLocalEnv();
  const count = Math.min(Number(process.argv[2] ?? 10_000), 10_000);
  const prisma = db();
  const at = new Date("2026-01-05T09:00:00.000Z");
  const company = await prisma.company.upsert({
    where: { siren: BENCH_SIREN },
    update: {},
    create: { siren: BENCH_SIREN, name: "Banc d'essai Logistique SA", createdAt: at },
  });
  const user = await prisma.user.upsert({
    where: { email: BENCH_EMAIL },
    update: {},
    create: { email: BENCH_EMAIL, name: "Correspondant Banc d'essai", role: "CORRESPONDENT", passwordHash: await hashPassword(DEMO_PASSWORD), createdAt: at },
  });
  // One hash for the 10 000 bench accounts (hashing each would take minutes): bench data only, never the demo seed.
  const apiHash = await hashPassword(DEMO_API_PASSWORD);
  const existing = new Set((await prisma.establishment.findMany({ where: { companyId: company.id }, select: { siret: true } })).map((e) => e.siret));

  const BATCH = 500;
  let created = 0;
  for (let start = 0; start < count; start += BATCH) {
    const sirets: { i: number; siret: string }[] = [];
    for (let i = start; i < Math.min(start + BATCH, count); i++) {
      const siret = benchSiret(i);
      if (!existing.has(siret)) sirets.push({ i, siret });
    }
    if (sirets.length === 0) continue;
    await prisma.$transaction(async (tx) => {
      await tx.establishment.createMany({ data: sirets.map(({ i, siret }) => ({ id: `bench-e-${i}`, siret, companyId: company.id, city: "Roissy", createdAt: at })) });
      await tx.correspondentScope.createMany({ data: sirets.map(({ i }) => ({ userId: user.id, establishmentId: `bench-e-${i}`, createdAt: at })) });
      await tx.apiAccount.createMany({
        data: sirets.map(({ i }) => ({
          id: `bench-a-${i}`,
          identifiant: `bench-api-${String(i).padStart(5, "0")}`,
          identifiantKey: `bench-api-${String(i).padStart(5, "0")}`,
          email: `api-${i}@banc-essai.fr`,
          establishmentId: `bench-e-${i}`,
          passwordHash: apiHash,
          createdAt: at,
          passwordChangedAt: at,
        })),
      });
    });
    created += sirets.length;
  }
  console.log(`Banc d'essai : ${created} compte(s) API créés, ${count} au total pour ${BENCH_EMAIL}.`);
}

if (process.argv[1]?.endsWith("bulk-seed.ts")) {
  main()
    .then(() => db().$disconnect())
    .catch(async (error) => {
      console.error(error);
      await db().$disconnect();
      process.exit(1);
    });
}
