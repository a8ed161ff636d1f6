/**
 * The four catalogue APIs the simulator serves, created on demand by tests (upsert on `code`:
 * rows already seeded by the catalogue are left as they are), and habilitations on them.
 */
import type { PrismaClient } from "@/generated/prisma/client";

export const CATALOGUE = [
  { code: "DELTA_H7", pathPrefix: "dh7", name: "DeltaH7", urlDelaySeconds: 4 * 3600 },
  { code: "GAMMA2", pathPrefix: "gamma2", name: "Gamma2", urlDelaySeconds: 15 * 60 },
  { code: "DELTA_IE", pathPrefix: "deltaie", name: "DeltaIE", urlDelaySeconds: 4 * 3600 },
  { code: "PNTS", pathPrefix: "pnts", name: "PNTS", urlDelaySeconds: 4 * 3600 },
] as const;

export type ApiCode = (typeof CATALOGUE)[number]["code"];

export async function ensureCatalogueApis(prisma: PrismaClient): Promise<void> {
  for (const [position, api] of CATALOGUE.entries()) {
    await prisma.api.upsert({
      where: { code: api.code },
      update: {},
      create: {
        ...api,
        description: `API ${api.name} (données de test)`,
        contactEmail: `${api.pathPrefix}@douane.demo`,
        position,
      },
    });
  }
}

/** An active habilitation of the account on the API (re-activated if it had been revoked). */
export async function habilitate(prisma: PrismaClient, apiAccountId: string, code: ApiCode, at = new Date("2026-01-05T09:00:00Z")): Promise<void> {
  const api = await prisma.api.findUniqueOrThrow({ where: { code } });
  await prisma.habilitation.upsert({
    where: { apiAccountId_apiId: { apiAccountId, apiId: api.id } },
    update: { revokedAt: null, revokedById: null, revokedReason: null },
    create: { apiAccountId, apiId: api.id, grantedAt: at },
  });
}

export async function revokeHabilitation(prisma: PrismaClient, apiAccountId: string, code: ApiCode, at = new Date("2026-01-06T09:00:00Z")): Promise<void> {
  const api = await prisma.api.findUniqueOrThrow({ where: { code } });
  await prisma.habilitation.update({
    where: { apiAccountId_apiId: { apiAccountId, apiId: api.id } },
    data: { revokedAt: at, revokedReason: "test" },
  });
}
