/**
 * Re-encrypts every secret at rest with a new key, in one transaction (all or nothing):
 * per-API secrets (ApiFieldValue.secretCipher) and the simulator's signing keys (SigningKey.privateCipher).
 */
import type { Db } from "../db";
import { decryptSecret, encryptSecret } from "./secrets";

export type RotationReport = { fieldValues: number; signingKeys: number };

export async function reencryptAll(prisma: Db, oldKeys: Buffer[], newKey: Buffer): Promise<RotationReport> {
  return prisma.$transaction(async (tx) => {
    const values = await tx.apiFieldValue.findMany({ where: { secretCipher: { not: null } }, select: { id: true, secretCipher: true } });
    for (const v of values) {
      const plain = decryptSecret(v.secretCipher!, [...oldKeys, newKey]);
      await tx.apiFieldValue.update({ where: { id: v.id }, data: { secretCipher: encryptSecret(plain, newKey) } });
    }
    const keys = await tx.signingKey.findMany({ select: { kid: true, privateCipher: true } });
    for (const k of keys) {
      const plain = decryptSecret(k.privateCipher, [...oldKeys, newKey]);
      await tx.signingKey.update({ where: { kid: k.kid }, data: { privateCipher: encryptSecret(plain, newKey) } });
    }
    return { fieldValues: values.length, signingKeys: keys.length };
  });
}
