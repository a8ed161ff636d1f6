/**
 * The certification path read from real data: scenarios built through the services, the token
 * tester run against the simulator over real HTTP, the url in force moved by the demo clock, the
 * policy's scope (same as the account page).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setClockOffsetMs } from "@/lib/clock";
import { NotFoundError } from "@/lib/authorization";
import { getCertificationPath } from "@/lib/certification-path/data";
import { resetTokenRateLimits } from "@/lib/oauth/token-endpoint";
import { runTokenTestForActor } from "@/lib/token-tester/service";
import { sendTestCallback } from "@/lib/callbacks/service";
import { lastDeliveryDone } from "@/lib/dh7/service";
import { resendCustomsCallback } from "@/lib/dh7/relay";
import { sampleCreationH7 } from "@/lib/dh7/messages";
import { runScenario } from "@/lib/scenarios/service";
import { REFUSAL_REASON } from "@/lib/scenarios/stories";
import { DEMO_API_PASSWORD } from "@/prisma/demo-data";
import { createTestDatabase } from "../support/test-db";
import { actor } from "../support/actors";
import { startSimulatorServer, type SimulatorServer } from "../support/simulator-server";

let sim: SimulatorServer;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  sim = await startSimulatorServer(); // also serves the demo receiver (/recepteur-demo/…)
  process.env.DEMO_MODE = "1";
  process.env.OUTBOUND_ALLOW_LOOPBACK = "1";
});
afterEach(async () => {
  setClockOffsetMs(0);
  await resetTokenRateLimits();
});
afterAll(async () => {
  await sim.close();
  await dispose();
  delete process.env.CONSOLE_BASE_URL;
  delete process.env.DEMO_MODE;
  delete process.env.OUTBOUND_ALLOW_LOOPBACK;
});

const account = (identifiant: string) => db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: identifiant } });
const done = (path: Awaited<ReturnType<typeof getCertificationPath>>) => path.steps.filter((s) => s.done).map((s) => s.key);
const stepOf = (path: Awaited<ReturnType<typeof getCertificationPath>>, key: string) => path.steps.find((s) => s.key === key)!;
/** The operator's software over HTTP: a token from the simulator, then a Creation_H7; waits for customs' callback. */
async function declareOverHttp(username: string, lrn: string): Promise<number> {
  const grant = await fetch(sim.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: "gun-api", scope: "openid", username, password: DEMO_API_PASSWORD }),
  });
  const { access_token } = (await grant.json()) as { access_token: string };
  const declared = await fetch(`${sim.origin}/dh7/declarations/creer`, {
    method: "POST",
    headers: { Authorization: `Bearer ${access_token}`, "Content-Type": "application/json" },
    body: JSON.stringify(sampleCreationH7(lrn)),
  });
  await lastDeliveryDone();
  return declared.status;
}
const testerForm = (identifiant: string, apiUrl = "") => ({ environment: "simulateur", customUrl: "", identifiant, password: DEMO_API_PASSWORD, apiUrl });

describe("certification path of the green account of « Trois états »", () => {
  it("five steps from the scenario, then token and API call from a tester run, then the test callback — each with its date", async () => {
    await runScenario("trois-etats", null);
    const claire = await actor("correspondant@demo.fr");
    const green = await account("api-demo-3");

    let path = await getCertificationPath(claire, green.id);
    expect(done(path)).toEqual(["created", "requested", "approved", "complete", "urlActive"]);
    expect(path.nextKey).toBe("token");
    const request = await db().habilitationRequest.findFirstOrThrow({ where: { apiAccountId: green.id } });
    const habilitation = await db().habilitation.findFirstOrThrow({ where: { apiAccountId: green.id } });
    const url = await db().apiFieldValue.findFirstOrThrow({ where: { apiAccountId: green.id, fieldKey: "url" } });
    expect(path.steps.slice(0, 5).map((s) => s.at)).toEqual([green.createdAt, request.createdAt, habilitation.grantedAt, green.statusSince, url.pendingEffectiveAt]);
    expect(stepOf(path, "urlActive").detail).toBe(`DeltaH7 : ${sim.origin}/recepteur-demo/${green.id}/dh7`);
    expect(path.account).toMatchObject({ identifiant: "api-demo-3", siret: "55555555600011", companyName: "Import Export Atlantique" });

    // A failed test does not tick anything; a successful one with a 2xx API call ticks both steps.
    const failed = await runTokenTestForActor(claire, { ...testerForm("api-demo-3"), password: "Mauvais-Mot-2026!" });
    expect(failed.ok && failed.data.exchange.outcome).toBe("oauth_error");
    path = await getCertificationPath(claire, green.id);
    expect(stepOf(path, "token").done).toBe(false);
    expect(stepOf(path, "token").todo).toContain("échec");

    const run = await runTokenTestForActor(claire, testerForm("api-demo-3", `${sim.origin}/dh7/declarations`));
    if (!run.ok) throw new Error(run.message);
    expect(run.data.apiCall?.status).toBe(200);
    const stored = await db().tokenTestRun.findUniqueOrThrow({ where: { id: run.data.runId! } });
    path = await getCertificationPath(claire, green.id);
    expect(done(path)).toEqual(["created", "requested", "approved", "complete", "urlActive", "token", "apiCall"]);
    expect(stepOf(path, "token")).toMatchObject({ at: stored.createdAt, detail: "Simulateur" });
    expect(stepOf(path, "apiCall").detail).toBe(`${sim.origin}/dh7/declarations → 200 (Simulateur)`);
    expect(path.nextKey).toBe("callback");

    // A call with a wrong token reaching the demo receiver is refused, not recorded, and proves nothing.
    const activeUrl = stepOf(path, "urlActive").detail!.replace(/^DeltaH7 : /, "");
    const forged = await fetch(`${activeUrl}/declarations/26FR0000000000000001/reponses`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer pas-le-bon-token" },
      body: "{}",
    });
    expect(forged.status).toBe(401);
    expect(await db().receivedCallback.count({ where: { apiAccountId: green.id } })).toBe(0);
    path = await getCertificationPath(claire, green.id);
    expect(stepOf(path, "callback").done).toBe(false);

    // Customs' test callback to the active url, received by the demo receiver with the account's token.
    const sent = await sendTestCallback(claire, green.id, "DELTA_H7");
    if (!sent.ok) throw new Error(sent.message);
    expect(sent.data).toMatchObject({ success: true, status: 200 });
    const received = await db().receivedCallback.findFirstOrThrow({ where: { apiAccountId: green.id, tokenValid: true } });
    path = await getCertificationPath(claire, green.id);
    expect(path).toMatchObject({ doneCount: 8, total: 9, nextKey: "dh7Exchange" });
    expect(stepOf(path, "callback")).toMatchObject({ at: received.receivedAt, detail: "DeltaH7 : reçu par le récepteur de démonstration, token valide" });
    expect(stepOf(path, "dh7Exchange").todo).toContain("POST /dh7/declarations/creer");

    // The operator's software declares over HTTP; customs' Response_H7 reaches the demo receiver at the active url.
    expect(await declareOverHttp("api-demo-3", "LRN-PARCOURS-1")).toBe(202);
    const response = await db().customsCallback.findFirstOrThrow({ where: { apiAccountId: green.id, kind: "RESPONSE" } });
    expect(response).toMatchObject({ status: "SENT", lastStatus: 200 });
    const { mrn } = JSON.parse(response.body) as { mrn: string };
    path = await getCertificationPath(claire, green.id);
    expect(path).toMatchObject({ doneCount: 9, total: 9, nextKey: null });
    expect(stepOf(path, "dh7Exchange")).toMatchObject({ done: true, at: response.sentAt, detail: `Response_H7 (MRN ${mrn}) : réponse reçue par votre système (HTTP 200)` });
    expect(path.steps.every((s) => s.atLabel)).toBe(true);
  });

  it("the DeltaH7 exchange step: a failed Response_H7 says so; after « Renvoyer » it is done; without DeltaH7 there is no such step", async () => {
    await runScenario("trois-etats", null);
    const claire = await actor("correspondant@demo.fr");
    const green = await account("api-demo-3");
    // The operator's system is down: the demo receiver is not the active url any more.
    const url = await db().apiFieldValue.findFirstOrThrow({ where: { apiAccountId: green.id, fieldKey: "url" } });
    await db().apiFieldValue.update({ where: { id: url.id }, data: { value: `${sim.origin}/n-existe-pas`, pendingValue: null, pendingEffectiveAt: null } });
    expect(await declareOverHttp("api-demo-3", "LRN-PARCOURS-2")).toBe(202);
    const row = await db().customsCallback.findFirstOrThrow({ where: { apiAccountId: green.id, kind: "RESPONSE" } });
    expect(row.status).toBe("FAILED"); // a 404 is not retried
    let path = await getCertificationPath(claire, green.id);
    expect(stepOf(path, "dh7Exchange")).toMatchObject({ done: false });
    expect(stepOf(path, "dh7Exchange").todo).toContain("n'a pas pu être remise (HTTP 404, 1 tentative)");

    // Back to the demo receiver, resent by hand.
    await db().apiFieldValue.update({ where: { id: url.id }, data: { value: url.value, pendingValue: url.pendingValue, pendingEffectiveAt: url.pendingEffectiveAt } });
    const resent = await resendCustomsCallback(claire, row.id);
    expect(resent).toMatchObject({ ok: true, message: "Appel retour renvoyé et accepté (HTTP 200)." });
    path = await getCertificationPath(claire, green.id);
    expect(stepOf(path, "dh7Exchange")).toMatchObject({ done: true });

    // The yellow account is habilitated on Gamma2 and PNTS, not DeltaH7: the step is not on its path.
    const yellow = await getCertificationPath(claire, (await account("api-demo-2")).id);
    expect(yellow.steps.map((s) => s.key)).not.toContain("dh7Exchange");
    expect(yellow.total).toBe(8);
  });

  it("a tester run typed by someone who cannot read the account still counts for its identifiant", async () => {
    await runScenario("trois-etats", null);
    const paul = await actor("autre@demo.fr");
    const run = await runTokenTestForActor(paul, testerForm("API-DEMO-3"));
    expect(run.ok).toBe(true);
    expect((await db().tokenTestRun.findFirstOrThrow()).apiAccountId).toBeNull();
    const path = await getCertificationPath(await actor("correspondant@demo.fr"), (await account("api-demo-3")).id);
    expect(stepOf(path, "token").done).toBe(true);
  });

  it("the yellow and red accounts: what is missing, what is awaited", async () => {
    await runScenario("trois-etats", null);
    const claire = await actor("correspondant@demo.fr");
    const yellow = await getCertificationPath(claire, (await account("api-demo-2")).id);
    expect(done(yellow)).toEqual(["created", "requested", "approved"]);
    expect(stepOf(yellow, "complete").todo).toBe(
      "À renseigner : PNTS : url à renseigner ; PNTS : token à renseigner ; PNTS : email du contact technique à renseigner.",
    );
    expect(stepOf(yellow, "urlActive").todo).toBe("Renseignez l'url de : PNTS.");
    const red = await getCertificationPath(claire, (await account("api-demo-1")).id);
    expect(done(red)).toEqual(["created"]);
    expect(red.nextKey).toBe("requested");
  });
});

describe("certification path and the other scenarios", () => {
  it("« Changement d'url en attente »: the url in force counts, dated from its activation; +4 h the new one", async () => {
    await runScenario("changement-url", null);
    const claire = await actor("correspondant@demo.fr");
    const demo = await account("api-demo-1");
    let step = stepOf(await getCertificationPath(claire, demo.id), "urlActive");
    const firstActivation = await db().auditEvent.findFirstOrThrow({ where: { action: "URL_CHANGE_EFFECTIVE" } });
    expect(step.done).toBe(true);
    expect(step.at).toEqual(new Date(JSON.parse(firstActivation.details!).effectiveAt));
    expect(step.detail).toMatch(/^DeltaH7 : .*ancienne-adresse \(nouvelle url DeltaH7 active au plus tard le .*\)$/);

    setClockOffsetMs(4 * 3_600_000 + 60_000);
    step = stepOf(await getCertificationPath(claire, demo.id), "urlActive");
    const row = await db().apiFieldValue.findFirstOrThrow({ where: { apiAccountId: demo.id, fieldKey: "url" } });
    expect(step.detail).toMatch(/^DeltaH7 : .*nouvelle-adresse$/);
    expect(step.at).toEqual(row.pendingEffectiveAt);
  });

  it("« Demande en attente » and « Demande refusée »: the approval step says why it is not done", async () => {
    await runScenario("demande-en-attente", null);
    const claire = await actor("correspondant@demo.fr");
    let path = await getCertificationPath(claire, (await account("api-demo-1")).id);
    expect(done(path)).toEqual(["created", "requested"]);
    expect(stepOf(path, "approved").todo).toMatch(/^Demande en attente de la douane depuis le .* \(DeltaH7, Gamma2\)\.$/);

    await runScenario("demande-refusee", null);
    path = await getCertificationPath(claire, (await account("api-demo-1")).id);
    expect(done(path)).toEqual(["created", "requested"]);
    expect(stepOf(path, "approved").todo).toContain(`DeltaIE refusée le`);
    expect(stepOf(path, "approved").todo).toContain(REFUSAL_REASON);
  });
});

describe("certification path: same scope as the account page", () => {
  it("the SIRET's correspondent, customs and the trainer read it; another correspondent and a collaborator get a 404", async () => {
    await runScenario("trois-etats", null);
    const id = (await account("api-demo-3")).id;
    for (const email of ["correspondant@demo.fr", "agent@douane.demo", "formateur@demo.fr"]) {
      expect((await getCertificationPath(await actor(email), id)).account.id).toBe(id);
    }
    for (const email of ["autre@demo.fr", "julie.bernard@transports-exemple.fr"]) {
      await expect(getCertificationPath(await actor(email), id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(getCertificationPath(await actor("correspondant@demo.fr"), "x".repeat(65))).rejects.toBeInstanceOf(NotFoundError);
  });
});
