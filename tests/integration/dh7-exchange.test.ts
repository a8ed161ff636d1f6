/**
 * The DeltaH7 exchange against a real operator's system on 127.0.0.1 (an HTTP server of the test)
 * and a real database: a declaration acknowledged at once, then customs calls back at the active
 * url with the API's token — Response_H7 for a new LRN, Error_H7 for an LRN used again; retries on
 * 5xx then FAILED, resend; a pending url change keeps the callbacks on the old url.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setClockOffsetMs } from "@/lib/clock";
import { saveApiData } from "@/lib/habilitations/service";
import { refreshAccountStatus } from "@/lib/habilitations/account-status";
import { handleSimulatedApi } from "@/lib/oauth/resource";
import { lastDeliveryDone } from "@/lib/dh7/service";
import { CLAIM_MS, deliverCustomsCallbacks, requeueCustomsCallback, resendCustomsCallback } from "@/lib/dh7/relay";
import { MAX_DELIVERY_ATTEMPTS, MESSAGE_DATE_TIME, sampleCreationH7 } from "@/lib/dh7/messages";
import { createTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { habilitate } from "../support/apis";
import { tokenRequest } from "../support/token-request";
import { handleTokenRequest } from "@/lib/oauth/token-endpoint";

const TOKEN = "Jeton-Retour-H7-0001";
const DH7_DELAY_MS = 4 * 3600_000;
type Seen = { url: string; authorization: string | undefined; body: Record<string, unknown> };

let dispose: () => Promise<void>;
let server: Server;
let origin = "";
const seen: Seen[] = [];
let answer = 200;

beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ url: req.url ?? "", authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown> });
      res.writeHead(answer, { "Content-Type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await dispose();
});
beforeEach(async () => {
  await resetToDemo();
  process.env.OUTBOUND_ALLOW_LOOPBACK = "1";
  seen.length = 0;
  answer = 200;
});
afterEach(() => {
  setClockOffsetMs(0);
  delete process.env.OUTBOUND_ALLOW_LOOPBACK;
});

const claire = () => actor("correspondant@demo.fr");

async function configure(url: string) {
  const account = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
  await habilitate(db(), account.id, "DELTA_H7");
  await refreshAccountStatus(db(), account.id);
  const saved = await saveApiData(await claire(), account.id, "DELTA_H7", { url, token: TOKEN });
  if (!saved.ok) throw new Error(saved.message);
  setClockOffsetMs(DH7_DELAY_MS + 60_000); // the url is active
  return account.id;
}

async function accessToken(): Promise<string> {
  const response = await handleTokenRequest(tokenRequest({ grant_type: "password", client_id: "gun-api", scope: "openid", username: "api-demo-1", password: "Demo-Api-2026!x" }));
  return ((await response.json()) as { access_token: string }).access_token;
}

const creation = (lrn: string, extra: Record<string, unknown> = {}) => ({ ...sampleCreationH7(lrn, { totalAmountInvoiced: 42.5 }), ...extra });

async function declare(body: unknown, token?: string): Promise<Response> {
  const request = new Request("http://simulateur.test/dh7/declarations/creer", {
    method: "POST",
    headers: { Authorization: `Bearer ${token ?? (await accessToken())}`, "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await handleSimulatedApi(request, "dh7");
  await lastDeliveryDone();
  return response;
}

describe("the DeltaH7 exchange", () => {
  it("acknowledges a Creation_H7 at once, then calls back the active url with the token: a Response_H7 with its MRN and taxes", async () => {
    const id = await configure(`${origin}/retours-h7`);
    const response = await declare(creation("LRN-0001"));
    expect(response.status).toBe(202);
    const ack = (await response.json()) as { customsDeclarationReference: string; status: string; lrn: string };
    expect(ack).toMatchObject({ status: "RECEIVED", lrn: "LRN-0001", customsDeclarationReference: expect.stringMatching(/^\d{4}FR[0-9A-Z]{12}$/) });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`/retours-h7/declarations/${ack.customsDeclarationReference}/reponses`);
    expect(seen[0]!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.body).toMatchObject({ state: "ACC", lrn: "LRN-0001", mrn: expect.stringMatching(/^\d{2}FRH7\d{12}$/), dutiesAndTaxes: { vat: 8.5, total: 8.5 } });
    const attempts = await db().callbackAttempt.findMany({ where: { apiAccountId: id } });
    expect(attempts).toMatchObject([{ status: 200, attemptNumber: 1, customsCallbackId: expect.any(String), error: null }]);
    expect(JSON.stringify(attempts)).not.toContain(TOKEN);
    expect(await db().customsCallback.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("an LRN used again gets an Error_H7 H7_NAT_000 at {url}/declarations/erreurs", async () => {
    await configure(`${origin}/retours-h7`);
    await declare(creation("LRN-0002"));
    expect((await declare(creation("LRN-0002"))).status).toBe(202);
    expect(seen.map((s) => s.url)).toEqual([expect.stringMatching(/\/reponses$/), "/retours-h7/declarations/erreurs"]);
    expect(seen[1]!.body).toMatchObject({ lrn: "LRN-0002", errors: [{ errorType: "FUNCTIONAL", errorCode: "H7_NAT_000", errorPointer: "/lrn" }] });
    expect(await db().dh7Declaration.count({ where: { lrn: "LRN-0002" } })).toBe(2);
  });

  it("refuses at once, in Error_H7 form, what is not a Creation_H7: nothing kept, nothing sent", async () => {
    await configure(`${origin}/retours-h7`);
    const token = await accessToken();
    for (const bad of [
      "pas du json",
      creation("X".repeat(23)),
      creation("LRN-3", { declarationType: "EX" }),
      creation("LRN-4", { messageDateTime: "2026-12-01 10:15" }),
      creation("LRN-5", { inconnu: true }),
      creation("LRN-6", { clearanceAgreementNumber: "123456789" }),
    ]) {
      const response = await declare(bad, token);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { errorType: string; errorCode: string; errorPointer: string }[] };
      expect(body.errors.length).toBeGreaterThan(0);
      expect(body.errors[0]!.errorType).toBe("TECHNICAL");
    }
    expect(await db().dh7Declaration.count()).toBe(0);
    expect(seen).toHaveLength(0);
  });

  it("a wrong bearer is 401 invalid_token; an account without DeltaH7 is 403 insufficient_scope", async () => {
    const wrong = await declare(creation("LRN-7"), "f".repeat(64));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const notHabilitated = await declare(creation("LRN-8"));
    expect(notHabilitated.status).toBe(403);
    expect(notHabilitated.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  it("a receiver answering 500 is retried with backoff, then FAILED; « Renvoyer » sends it again", async () => {
    const id = await configure(`${origin}/retours-h7`);
    answer = 500;
    await declare(creation("LRN-0009"));
    let row = await db().customsCallback.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", attempts: 1, lastStatus: 500 });
    // Not due yet: nothing sent.
    expect(await deliverCustomsCallbacks()).toEqual({ sent: 0, retried: 0, failed: 0 });
    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      setClockOffsetMs(DH7_DELAY_MS + 60_000 + attempt * 3_600_000);
      await deliverCustomsCallbacks();
    }
    row = await db().customsCallback.findFirstOrThrow();
    expect(row).toMatchObject({ status: "FAILED", attempts: MAX_DELIVERY_ATTEMPTS, lastStatus: 500 });
    expect((await db().callbackAttempt.findMany({ where: { apiAccountId: id }, orderBy: { attemptNumber: "asc" } })).map((a) => a.attemptNumber)).toEqual([1, 2, 3, 4, 5]);

    answer = 200;
    expect(await requeueCustomsCallback(row.id)).toBe(true);
    // Not while a sender holds it.
    await db().customsCallback.update({ where: { id: row.id }, data: { claimedUntil: new Date(Date.now() + DH7_DELAY_MS * 10) } });
    expect(await requeueCustomsCallback(row.id)).toBe(false);
    await db().customsCallback.update({ where: { id: row.id }, data: { claimedUntil: null } });
    expect(await deliverCustomsCallbacks()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await db().customsCallback.findFirstOrThrow()).toMatchObject({ status: "SENT" });
  });

  it("« Renvoyer »: the SIRET's correspondent and the agent may, the other SIRET's correspondent and the trainer may not; audited", async () => {
    const id = await configure(`${origin}/retours-h7`);
    answer = 400;
    await declare(creation("LRN-0014"));
    const row = await db().customsCallback.findFirstOrThrow({ where: { apiAccountId: id } });
    expect(row.status).toBe("FAILED");
    for (const email of ["autre@demo.fr", "formateur@demo.fr"]) {
      expect((await resendCustomsCallback(await actor(email), row.id)).ok).toBe(false);
    }
    answer = 200;
    const resent = await resendCustomsCallback(await claire(), row.id);
    expect(resent).toMatchObject({ ok: true, data: { status: "SENT" } });
    // Accepted already: the agent may deliver it again (the operator lost it).
    expect(await resendCustomsCallback(await actor("agent@douane.demo"), row.id)).toMatchObject({ ok: true, data: { status: "SENT" } });
    expect(seen).toHaveLength(3);
    expect(await db().auditEvent.count({ where: { action: "CUSTOMS_CALLBACK_RESENT", apiAccountId: id } })).toBe(2);
  });

  it("a 4xx is the operator's refusal: FAILED at once, no retry", async () => {
    await configure(`${origin}/retours-h7`);
    answer = 401;
    await declare(creation("LRN-0010"));
    expect(await db().customsCallback.findFirstOrThrow()).toMatchObject({ status: "FAILED", attempts: 1, lastStatus: 401 });
  });

  it("while a url change is pending, callbacks still go to the old active url; after its effective time, to the new one", async () => {
    const id = await configure(`${origin}/ancienne`);
    const saved = await saveApiData(await claire(), id, "DELTA_H7", { url: `${origin}/nouvelle`, token: TOKEN });
    expect(saved.ok).toBe(true);
    await declare(creation("LRN-0011"));
    expect(seen.at(-1)!.url).toMatch(/^\/ancienne\/declarations\//);
    setClockOffsetMs(2 * DH7_DELAY_MS + 120_000);
    await declare(creation("LRN-0012"));
    expect(seen.at(-1)!.url).toMatch(/^\/nouvelle\/declarations\//);
  });

  it("two senders at once deliver one callback once", async () => {
    await configure(`${origin}/retours-h7`);
    answer = 500;
    await declare(creation("LRN-0013")); // attempt 1 failed: due again later
    answer = 200;
    setClockOffsetMs(DH7_DELAY_MS + 3_600_000);
    const reports = await Promise.all([deliverCustomsCallbacks(), deliverCustomsCallbacks(), deliverCustomsCallbacks()]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(seen).toHaveLength(2);
  });

  it("the acknowledging process holds its callback: a sweep meanwhile sends nothing; if that process stops, the sweep delivers once the claim has expired", async () => {
    await configure(`${origin}/retours-h7`);
    const request = new Request("http://simulateur.test/dh7/declarations/creer", {
      method: "POST",
      headers: { Authorization: `Bearer ${await accessToken()}`, "Content-Type": "application/json" },
      body: JSON.stringify(creation("LRN-0015")),
    });
    expect((await handleSimulatedApi(request, "dh7")).status).toBe(202);
    // The row was created claimed, in the declaration's transaction: a sweep running now leaves it alone.
    const created = await db().customsCallback.findFirstOrThrow();
    expect(created.claimedUntil).not.toBeNull();
    expect(await deliverCustomsCallbacks()).toEqual({ sent: 0, retried: 0, failed: 0 });
    await lastDeliveryDone();
    expect(seen).toHaveLength(1);
    expect(await db().customsCallback.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 1, claimedUntil: null });

    // A creator that stopped before sending: its claim stands for CLAIM_MS, then the sweep sends it, once.
    await db().customsCallback.update({ where: { id: created.id }, data: { status: "PENDING", attempts: 0, sentAt: null, claimedUntil: new Date(created.createdAt.getTime() + CLAIM_MS) } });
    expect(await deliverCustomsCallbacks()).toEqual({ sent: 0, retried: 0, failed: 0 });
    setClockOffsetMs(DH7_DELAY_MS + 60_000 + CLAIM_MS + 1_000);
    const reports = await Promise.all([deliverCustomsCallbacks(), deliverCustomsCallbacks()]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(1);
    expect(seen).toHaveLength(2);
  });

  it("an invalidation: acknowledged, then the registration of the request, then the INV response; again → Error_H7 H7_NAT_001; unknown → 404", async () => {
    await configure(`${origin}/retours-h7`);
    const token = await accessToken();
    const declared = (await (await declare(creation("LRN-0015"), token)).json()) as { customsDeclarationReference: string };
    const invalidate = async (reference: string) => {
      const response = await handleSimulatedApi(
        new Request("http://simulateur.test/dh7/demandes/invalider", {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ messageDateTime: "2026-12-01T11:00:00Z", messageId: "MSG-INV-1", customsDeclarationReference: reference, justification: "Erreur de saisie du destinataire." }),
        }),
        "dh7",
      );
      await lastDeliveryDone();
      return response;
    };
    const ack = await invalidate(declared.customsDeclarationReference);
    expect(ack.status).toBe(202);
    const { customsRequestReference } = (await ack.json()) as { customsRequestReference: string };
    expect(customsRequestReference).toMatch(/^\d{4}FRD[0-9A-Z]+$/);
    expect(seen.at(-1)).toMatchObject({ url: `/retours-h7/demandes/${customsRequestReference}/enregistrement`, body: { state: "ENR" } });
    setClockOffsetMs(DH7_DELAY_MS + 60_000 + 5_000); // the response is due a moment later
    await deliverCustomsCallbacks();
    expect(seen.at(-1)).toMatchObject({ url: `/retours-h7/declarations/${declared.customsDeclarationReference}/reponses`, body: { state: "INV", customsRequestReference } });
    expect(await db().dh7Declaration.findUniqueOrThrow({ where: { customsDeclarationReference: declared.customsDeclarationReference } })).toMatchObject({ state: "INV" });

    expect((await invalidate(declared.customsDeclarationReference)).status).toBe(202);
    expect(seen.at(-1)).toMatchObject({ url: "/retours-h7/declarations/erreurs", body: { errors: [{ errorCode: "H7_NAT_001" }] } });
    expect((await invalidate("2026FRINCONNU00000")).status).toBe(404);
  });

  it("messageDateTime follows AAAA-MM-DDThh:mm:ss[offset][ZoneID]", () => {
    for (const ok of ["2026-12-01T10:15:00", "2026-12-01T10:15:00Z", "2026-12-01T10:15:00+01:00", "2026-12-01T10:15:00+01:00[Europe/Paris]"]) expect(ok).toMatch(MESSAGE_DATE_TIME);
    for (const bad of ["2026-12-01", "2026-13-01T10:15:00", "2026-12-01T24:00:00", "2026-12-01T10:15:00+1", "2026-12-01T10:15:00[<script>]"]) expect(bad).not.toMatch(MESSAGE_DATE_TIME);
  });
});
