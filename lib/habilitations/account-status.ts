/**
 * The status of an account from its stored habilitations and values, and the one write that
 * keeps ApiAccount.statusLevel equal to it. Call refreshAccountStatus in the transaction of
 * every write that can change it (approval, revocation, field save, catalogue change).
 */
import type { Tx } from "../db";
import { now } from "../clock";
import type { Prisma } from "@/generated/prisma/client";
import { accountStatus, type AccountStatus } from "./status";

export type WithGranted = {
  habilitations: ReadonlyArray<{ apiId: string; api: { code: string; name: string; fields: ReadonlyArray<{ key: string; label: string; required: boolean }> } }>;
  fieldValues: ReadonlyArray<{ apiId: string; fieldKey: string; value: string | null; secretCipher: string | null; pendingValue: string | null }>;
};

/** Only active habilitations must be passed. A pending url counts as filled (the data has been provided). */
export function statusOf(account: WithGranted): AccountStatus {
  return accountStatus(
    account.habilitations.map((h) => ({
      api: h.api,
      filledKeys: account.fieldValues
        .filter((v) => v.apiId === h.apiId && (v.value || v.secretCipher || v.pendingValue))
        .map((v) => v.fieldKey),
    })),
  );
}

/** Prisma include of what statusOf needs. */
export const grantedInclude = {
  habilitations: {
    where: { revokedAt: null },
    include: { api: { include: { fields: { orderBy: [{ position: "asc" as const }, { key: "asc" as const }] } } } },
    orderBy: { api: { position: "asc" as const } },
  },
  fieldValues: { select: { apiId: true, fieldKey: true, value: true, secretCipher: true, pendingValue: true, pendingEffectiveAt: true } },
} satisfies Prisma.ApiAccountSelect;

/** Keeps statusLevel (and statusSince, when it changes: the "data complete" date of the certification path) true. */
export async function refreshAccountStatus(tx: Tx, accountId: string): Promise<AccountStatus> {
  const account = await tx.apiAccount.findUniqueOrThrow({ where: { id: accountId }, select: { statusLevel: true, ...grantedInclude } });
  const status = statusOf(account);
  if (account.statusLevel !== status.level) {
    await tx.apiAccount.update({ where: { id: accountId }, data: { statusLevel: status.level, statusSince: now() } });
  }
  return status;
}
