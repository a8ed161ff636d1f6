/**
 * Database fixtures of the OAuth conformance suite (e2e/oauth.spec.ts), run against the e2e
 * database by the fixture service (./fixture-server.ts), or as a script:
 * `npx tsx e2e/support/oauth-fixtures.ts <command> '<json>'` prints a JSON result on stdout.
 *  - setup: the four catalogue APIs, api-demo-1 habilitated on DeltaH7, the suite's extra accounts;
 *  - expire-token {token}: moves a token's expiry to the past (the server's clock is not moved);
 *  - delete-account {identifiant}: deletes an API account as an account deletion would;
 *  - audit {action, identifiant?}: the audit events of an action (optionally of one account);
 *  - dh7-receiver {token}: api-demo-1's DeltaH7 url set, active now, to the console's demo receiver, with that token.
 */
import { createHash } from "node:crypto";
import { loadLocalEnv } from "../../lib/env-file";
import { db } from "../../lib/db";
import { hashPassword } from "../../lib/auth/password";
import { ensureCatalogueApis, habilitate } from "../../tests/support/apis";
import { encryptSecret } from "../../lib/crypto/secrets";
import { demoReceiverUrl } from "../../lib/callbacks/receiver";

export const SUITE_ACCOUNTS = [
  { identifiant: "api-oauth-mdp", siret: "98765432400019", password: "Oauth-Mdp-2026!x" },
  { identifiant: "api-oauth-limite", siret: "55555555600011", password: "Oauth-Limite-2026!x" },
] as const;

async function setup() {
  const prisma = db();
  await ensureCatalogueApis(prisma);
  const demo = await prisma.apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
  await habilitate(prisma, demo.id, "DELTA_H7");
  for (const a of SUITE_ACCOUNTS) {
    const establishment = await prisma.establishment.findUniqueOrThrow({ where: { siret: a.siret } });
    const at = new Date("2026-01-05T09:00:00Z");
    await prisma.apiAccount.upsert({
      where: { identifiantKey: a.identifiant },
      update: { passwordHash: await hashPassword(a.password) },
      create: {
        identifiant: a.identifiant,
        identifiantKey: a.identifiant,
        email: `${a.identifiant}@demo.fr`,
        establishmentId: establishment.id,
        passwordHash: await hashPassword(a.password),
        createdAt: at,
        passwordChangedAt: at,
      },
    });
  }
  return { ok: true };
}

async function expireToken({ token }: { token: string }) {
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const updated = await db().oAuthToken.update({ where: { tokenHash }, data: { expiresAt: new Date(Date.now() - 1000) } });
  return { kind: updated.kind };
}

async function deleteAccount({ identifiant }: { identifiant: string }) {
  await db().apiAccount.delete({ where: { identifiantKey: identifiant.toLowerCase() } });
  return { ok: true };
}

async function audit({ action, identifiant }: { action: string; identifiant?: string }) {
  const account = identifiant ? await db().apiAccount.findUnique({ where: { identifiantKey: identifiant.toLowerCase() } }) : null;
  const events = await db().auditEvent.findMany({
    where: { action, ...(identifiant ? { apiAccountId: account?.id ?? "none" } : {}) },
    orderBy: { at: "asc" },
  });
  return events.map((e) => ({ action: e.action, siret: e.siret, details: e.details ? (JSON.parse(e.details) as unknown) : null }));
}

async function dh7Receiver({ token }: { token: string }) {
  const prisma = db();
  const demo = await prisma.apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
  const api = await prisma.api.findUniqueOrThrow({ where: { code: "DELTA_H7" } });
  const url = demoReceiverUrl(demo.id, api.pathPrefix);
  const values = [
    { fieldKey: "url", value: url, secretCipher: null },
    { fieldKey: "token", value: null, secretCipher: encryptSecret(token) },
  ];
  for (const v of values) {
    await prisma.apiFieldValue.upsert({
      where: { apiAccountId_apiId_fieldKey: { apiAccountId: demo.id, apiId: api.id, fieldKey: v.fieldKey } },
      update: { value: v.value, secretCipher: v.secretCipher, pendingValue: null, pendingRequestedAt: null, pendingEffectiveAt: null },
      create: { apiAccountId: demo.id, apiId: api.id, fieldKey: v.fieldKey, value: v.value, secretCipher: v.secretCipher },
    });
  }
  return { accountId: demo.id, url };
}

export const OAUTH_FIXTURES: Record<string, (args: never) => Promise<unknown>> = {
  "dh7-receiver": dh7Receiver,
  setup,
  "expire-token": expireToken,
  "delete-account": deleteAccount,
  audit,
};

async function main() {
  loadLocalEnv();
  const [command, json] = process.argv.slice(2);
  const run = command ? OAUTH_FIXTURES[command] : undefined;
  if (!run) throw new Error(`Commande inconnue : ${command}`);
  const result = await run((json ? JSON.parse(json) : {}) as never);
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[1]?.endsWith("oauth-fixtures.ts")) main()
  .then(() => db().$disconnect())
  .catch(async (error) => {
    console.error(error);
    await db().$disconnect();
    process.exit(1);
  });
