/**
 * Notifications through a real SMTP server on 127.0.0.1 (no mock): the decision email reaches
 * the account's address and the SIRET's correspondents, with its French subject; the outbox
 * keeps every message whether or not it could be sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decideHabilitationRequest, submitHabilitationRequest } from "@/lib/habilitations/service";
import { changeAccountEmail, changeAccountPassword } from "@/lib/accounts/service";
import { createTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { startSmtpServer } from "../support/smtp";

let dispose: () => Promise<void>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.SMTP_FROM = "Console douane <console@douane.demo>";
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  await smtp.close();
  await dispose();
});
beforeEach(async () => {
  process.env.SMTP_URL = smtp.url;
  smtp.received.length = 0;
  await resetToDemo();
});

async function demoAccount() {
  return db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
}

describe("emails through a real SMTP server", () => {
  it("sends the decision email to the account's address and the SIRET's correspondents", async () => {
    const claire = await actor("correspondant@demo.fr");
    const agent = await actor("agent@douane.demo");
    const account = await demoAccount();
    const submitted = await submitHabilitationRequest(claire, account.id, { apiCodes: ["DELTA_H7", "GAMMA2"] });
    if (!submitted.ok) throw new Error(submitted.message);
    const items = await db().habilitationRequestItem.findMany({ where: { requestId: submitted.data.id }, include: { api: true } });
    const decided = await decideHabilitationRequest(agent, submitted.data.id, {
      items: items.map((i) => (i.api.code === "DELTA_H7" ? { itemId: i.id, decision: "APPROVED" } : { itemId: i.id, decision: "REFUSED", reason: "Statut d'entrepositaire agréé non justifié" })),
    });
    expect(decided.ok).toBe(true);

    expect(smtp.received.map((m) => m.subject)).toEqual([
      "Demande d'habilitation envoyée — api-demo-1 (SIRET 123 456 782 00010)",
      "Décision de la douane sur la demande d'habilitation — api-demo-1",
    ]);
    const decision = smtp.received[1]!;
    expect(decision.from).toBe("console@douane.demo");
    expect(decision.to).toEqual(["api-demo-1@transports-exemple.fr", "correspondant@demo.fr"]);
    expect(decision.raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    expect(decision.raw).toMatch(/Content-Type: text\/html; charset=utf-8/i);
    expect(decision.to).not.toContain("autre@demo.fr"); // another SIRET's correspondent

    const stored = await db().outboxMessage.findFirstOrThrow({ where: { kind: "REQUEST_DECIDED" } });
    expect(stored.sentAt).not.toBeNull();
    expect(stored.sendError).toBeNull();
    expect(stored.recipients).toBe("api-demo-1@transports-exemple.fr, correspondant@demo.fr");
  });

  it("password change and email change (old and new address) are emailed", async () => {
    const claire = await actor("correspondant@demo.fr");
    const account = await demoAccount();
    const pw = "Nouveau-Passe-2026!";
    expect((await changeAccountPassword(claire, account.id, { password: pw, passwordConfirmation: pw, confirmSynchronized: true })).ok).toBe(true);
    expect((await changeAccountEmail(claire, account.id, { email: "exploitation@transports-exemple.fr" })).ok).toBe(true);
    expect(smtp.received.map((m) => m.subject)).toEqual(["Mot de passe du compte API api-demo-1 modifié", "Email du compte API api-demo-1 modifié"]);
    expect(smtp.received[0]!.to).toEqual(["api-demo-1@transports-exemple.fr", "correspondant@demo.fr"]);
    expect(smtp.received[1]!.to).toEqual(["exploitation@transports-exemple.fr", "correspondant@demo.fr", "api-demo-1@transports-exemple.fr"]);
    expect(smtp.received[0]!.raw).not.toContain(pw);
  });

  it("an unreachable SMTP server does not fail the action: the outbox keeps the message and the error", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    const claire = await actor("correspondant@demo.fr");
    const account = await demoAccount();
    const result = await submitHabilitationRequest(claire, account.id, { apiCodes: ["PNTS"] });
    expect(result.ok).toBe(true);
    const stored = await db().outboxMessage.findFirstOrThrow({ where: { kind: "REQUEST_SUBMITTED" } });
    expect(stored.sentAt).toBeNull();
    expect(stored.sendError).toMatch(/ECONNREFUSED|connect/i);
    expect(smtp.received).toHaveLength(0);
  });
});
