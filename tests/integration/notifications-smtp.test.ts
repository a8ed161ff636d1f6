/**
 * Notifications through a real SMTP server on 127.0.0.1 (no mock), sent by the outbox relay (the
 * sweep's work, never the action's): the decision email reaches the account's address and the
 * SIRET's correspondents, with its French subject; a failure is retried with backoff, then FAILED
 * for an agent to send again; two relays at once send each message once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decideHabilitationRequest, submitHabilitationRequest } from "@/lib/habilitations/service";
import { changeAccountEmail, changeAccountPassword } from "@/lib/accounts/service";
import { freezeClock } from "@/lib/clock";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS, retryMessage, runRelay } from "@/lib/notifications/relay";
import { listFailedMessages } from "@/lib/notifications/data";
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
    expect(smtp.received).toHaveLength(0); // the actions answered without waiting for SMTP
    expect(await runRelay()).toEqual({ sent: 2, retried: 0, failed: 0 });

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
    expect(stored).toMatchObject({ status: "SENT", attempts: 1, sendError: null });
    expect(stored.sentAt).not.toBeNull();
    expect(stored.recipients).toBe("api-demo-1@transports-exemple.fr, correspondant@demo.fr");
  });

  it("password change and email change (old and new address) are emailed", async () => {
    const claire = await actor("correspondant@demo.fr");
    const account = await demoAccount();
    const pw = "Nouveau-Passe-2026!";
    expect((await changeAccountPassword(claire, account.id, { password: pw, passwordConfirmation: pw, confirmSynchronized: true })).ok).toBe(true);
    expect((await changeAccountEmail(claire, account.id, { email: "exploitation@transports-exemple.fr" })).ok).toBe(true);
    await runRelay();
    expect(smtp.received.map((m) => m.subject)).toEqual(["Mot de passe du compte API api-demo-1 modifié", "Email du compte API api-demo-1 modifié"]);
    expect(smtp.received[0]!.to).toEqual(["api-demo-1@transports-exemple.fr", "correspondant@demo.fr"]);
    expect(smtp.received[1]!.to).toEqual(["exploitation@transports-exemple.fr", "correspondant@demo.fr", "api-demo-1@transports-exemple.fr"]);
    expect(smtp.received[0]!.raw).not.toContain(pw);
  });

  it("an unreachable SMTP server: retried with backoff, then FAILED; an agent sends it again, once", async () => {
    const T0 = new Date("2026-12-01T09:00:00Z");
    freezeClock(T0);
    try {
      process.env.SMTP_URL = "smtp://127.0.0.1:1";
      const claire = await actor("correspondant@demo.fr");
      const account = await demoAccount();
      expect((await submitHabilitationRequest(claire, account.id, { apiCodes: ["PNTS"] })).ok).toBe(true);
      const load = () => db().outboxMessage.findFirstOrThrow({ where: { kind: "REQUEST_SUBMITTED" } });
      let elapsed = 0;
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const report = await runRelay();
        expect(report).toEqual(attempt < MAX_ATTEMPTS ? { sent: 0, retried: 1, failed: 0 } : { sent: 0, retried: 0, failed: 1 });
        const stored = await load();
        expect(stored.attempts).toBe(attempt);
        expect(stored.sendError).toMatch(/ECONNREFUSED|connect/i);
        if (attempt < MAX_ATTEMPTS) {
          expect(stored.status).toBe("PENDING");
          expect(await runRelay()).toEqual({ sent: 0, retried: 0, failed: 0 }); // not before its backoff
          elapsed += RETRY_DELAYS_MS[attempt - 1]!;
          freezeClock(new Date(T0.getTime() + elapsed));
        } else {
          expect(stored.status).toBe("FAILED");
        }
      }
      const agent = await actor("agent@douane.demo");
      const failed = await listFailedMessages(agent);
      expect(failed.rows.map((r) => r.subject)).toEqual([expect.stringContaining("Demande d'habilitation envoyée")]);
      expect((await listFailedMessages(claire)).rows).toEqual([]); // agents only
      expect(await retryMessage(claire, failed.rows[0]!.id)).toMatchObject({ ok: false });
      process.env.SMTP_URL = smtp.url;
      expect(await retryMessage(agent, failed.rows[0]!.id)).toMatchObject({ ok: true });
      expect(await retryMessage(agent, failed.rows[0]!.id)).toMatchObject({ ok: false }); // no longer failed
      expect(await runRelay()).toEqual({ sent: 1, retried: 0, failed: 0 });
      expect(await load()).toMatchObject({ status: "SENT", attempts: 1 });
      expect(smtp.received).toHaveLength(1);
      expect(await db().auditEvent.count({ where: { action: "OUTBOX_RETRIED" } })).toBe(1);
    } finally {
      freezeClock(null);
    }
  });

  it("relays running at once (several instances) send each message once", async () => {
    const claire = await actor("correspondant@demo.fr");
    const account = await demoAccount();
    for (const email of ["a@transports-exemple.fr", "b@transports-exemple.fr", "c@transports-exemple.fr", "d@transports-exemple.fr"]) {
      expect((await changeAccountEmail(claire, account.id, { email })).ok).toBe(true);
    }
    const reports = await Promise.all([runRelay(), runRelay(), runRelay(), runRelay()]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(4);
    expect(smtp.received).toHaveLength(4);
    expect(new Set(smtp.received.map((m) => m.to.join(","))).size).toBe(4);
  });
});
