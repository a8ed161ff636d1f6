/**
 * The state the authorisation matrix (e2e/authorization-matrix.spec.ts) calls every action against,
 * built through the real services on the e2e database — by the fixture service (./fixture-server.ts),
 * or as a script (`npx tsx e2e/support/authz-fixtures.ts` prints it). The ids the matrix needs
 * (they change at each reset), as JSON.
 *  - api-demo-1 (SIRET 12345678200010, Claire's): DeltaH7 and DeltaIE granted; DeltaH7's url pending,
 *    DeltaIE's url active on the demo receiver, both with a token; a pending request for Gamma2;
 *  - collaborators: Marc pending on 98765432400019, Julie certified (can be named), Sophie named
 *    correspondent of 12345678200010 (can be removed).
 */
import { loadLocalEnv } from "../../lib/env-file";
import { db } from "../../lib/db";
import { seedDemo } from "../../prisma/demo-data";
import { wipeDatabase } from "../../prisma/wipe";
import { decideHabilitationRequest, saveApiData, submitHabilitationRequest } from "../../lib/habilitations/service";
import { decideAttachment } from "../../lib/certification/service";
import { nameCorrespondent } from "../../lib/administration/service";
import type { ActionResult } from "../../lib/action-result";

function must<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

export async function buildAuthzFixtures() {
  const prisma = db();
  await wipeDatabase(prisma);
  await seedDemo(prisma);
  const who = (email: string) => prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true } });
  const claire = await who("correspondant@demo.fr");
  const agent = await who("agent@douane.demo");
  const account = await prisma.apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });

  const granted = must(await submitHabilitationRequest(claire, account.id, { apiCodes: ["DELTA_H7", "DELTA_IE"] }));
  const items = await prisma.habilitationRequestItem.findMany({ where: { requestId: granted.id } });
  must(await decideHabilitationRequest(agent, granted.id, { items: items.map((i) => ({ itemId: i.id, decision: "APPROVED" })) }));
  must(await saveApiData(claire, account.id, "DELTA_H7", { url: "https://retours.transports-exemple.fr/dh7", token: "jeton-matrice-dh7" }));
  must(await saveApiData(claire, account.id, "DELTA_IE", { url: "https://retours.transports-exemple.fr/deltaie", token: "jeton-matrice-ie" }));
  const deltaIe = await prisma.api.findUniqueOrThrow({ where: { code: "DELTA_IE" } });
  const receiver = `${(process.env.NEXTAUTH_URL ?? "http://127.0.0.1:3100").replace(/\/$/, "")}/recepteur-demo/${account.id}/${deltaIe.pathPrefix}`;
  await prisma.apiFieldValue.update({
    where: { apiAccountId_apiId_fieldKey: { apiAccountId: account.id, apiId: deltaIe.id, fieldKey: "url" } },
    data: { value: receiver, pendingValue: null, pendingRequestedAt: null, pendingEffectiveAt: null },
  });

  const pending = must(await submitHabilitationRequest(claire, account.id, { apiCodes: ["GAMMA2"] }));
  const pendingItem = await prisma.habilitationRequestItem.findFirstOrThrow({ where: { requestId: pending.id } });
  const habilitation = await prisma.habilitation.findFirstOrThrow({ where: { apiAccountId: account.id, api: { code: "DELTA_H7" } } });

  const attachment = (email: string) => prisma.attachmentRequest.findFirstOrThrow({ where: { user: { email } } });
  must(await decideAttachment(claire, (await attachment("julie.bernard@transports-exemple.fr")).id, "certify"));
  const sophie = await who("sophie.leroy@transports-exemple.fr");
  must(await nameCorrespondent(claire, { siret: "12345678200010", userId: sophie.id }));

  // A customs callback (DeltaH7) the relay gave up on, for « Renvoyer ».
  const failedCallback = await prisma.customsCallback.create({
    data: { apiAccountId: account.id, apiCode: "DELTA_H7", kind: "RESPONSE", path: "/declarations/2026FRMATRICE0001/reponses", body: "{}", status: "FAILED", attempts: 5, nextAttemptAt: new Date(), createdAt: new Date() },
  });
  // An e-mail the relay gave up on, for the agents' « Renvoyer ».
  const failed = await prisma.outboxMessage.findFirstOrThrow({ where: { apiAccountId: account.id }, orderBy: { createdAt: "asc" } });
  await prisma.outboxMessage.update({ where: { id: failed.id }, data: { status: "FAILED", attempts: 5, sendError: "connect ECONNREFUSED" } });

  return {
      failedMessageId: failed.id,
      failedCallbackId: failedCallback.id,
      accountId: account.id,
      pendingRequestId: pending.id,
      pendingItemId: pendingItem.id,
      habilitationId: habilitation.id,
      marcAttachmentId: (await attachment("marc.petit@logistique-demo.fr")).id,
      julieId: (await who("julie.bernard@transports-exemple.fr")).id,
      sophieId: sophie.id,
  };
}

if (process.argv[1]?.endsWith("authz-fixtures.ts")) {
  loadLocalEnv();
  buildAuthzFixtures()
    .then((fixtures) => console.log(JSON.stringify(fixtures)))
    .then(() => db().$disconnect())
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
