/**
 * "Supprimer le compte API" (issue 13 §8) through the real services and the simulator's handlers:
 * who may, the typed confirmation, what ends (tokens refused at once, habilitations, requests), what
 * stays (audit, messages), and that the SIRET is free again.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freezeClock } from "@/lib/clock";
import { createApiAccount, deleteApiAccount, MESSAGES } from "@/lib/accounts/service";
import { submitHabilitationRequest } from "@/lib/habilitations/service";
import { handleTokenRequest, resetTokenRateLimits } from "@/lib/oauth/token-endpoint";
import { handleSimulatedApi } from "@/lib/oauth/resource";
import { consoleBaseUrl } from "@/lib/oauth/environments";
import { withTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { ensureCatalogueApis, habilitate } from "../support/apis";
import { tokenRequest } from "../support/token-request";

const DEMO = { username: "api-demo-1", password: "Demo-Api-2026!x" };
const T0 = new Date("2026-03-02T08:00:00.000Z");

withTestDatabase();
beforeEach(async () => {
  await resetToDemo();
  await ensureCatalogueApis(db());
  await resetTokenRateLimits();
  freezeClock(T0);
});
afterEach(() => freezeClock(null));

const passwordGrant = () => tokenRequest({ grant_type: "password", client_id: "gun-api", scope: "openid", username: DEMO.username, password: DEMO.password });
const callDh7 = (accessToken: string) =>
  handleSimulatedApi(new Request(`${consoleBaseUrl()}/dh7/declarations`, { headers: { Authorization: `Bearer ${accessToken}` } }), "dh7");

async function demoAccount() {
  return db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" }, include: { establishment: true } });
}

describe("deleting an API account", () => {
  it("only a correspondent of its SIRET, and only with the identifiant typed exactly", async () => {
    const account = await demoAccount();
    for (const email of ["agent@douane.demo", "formateur@demo.fr", "autre@demo.fr"]) {
      const result = await deleteApiAccount(await actor(email), account.id, { confirmation: "api-demo-1" });
      expect(result.ok, email).toBe(false);
    }
    const claire = await actor("correspondant@demo.fr");
    for (const confirmation of ["", "API-DEMO-1", "api-demo", "api-demo-1x"]) {
      const result = await deleteApiAccount(claire, account.id, { confirmation });
      expect(result.ok, JSON.stringify(confirmation)).toBe(false);
    }
    expect(await deleteApiAccount(claire, account.id, { confirmation: "API-DEMO-1" })).toMatchObject({ errors: { confirmation: [MESSAGES.confirmationMismatch] } });
    expect(await deleteApiAccount(claire, account.id, {})).toMatchObject({ ok: false, errors: { confirmation: expect.any(Array) } });
    expect(await db().apiAccount.count({ where: { id: account.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "ACCOUNT_DELETED" } })).toBe(0);
  });

  it("revokes its tokens at once, ends its habilitations and requests, frees the SIRET; audit and message kept", async () => {
    const account = await demoAccount();
    await habilitate(db(), account.id, "DELTA_H7");
    await habilitate(db(), account.id, "GAMMA2");
    const claire = await actor("correspondant@demo.fr");
    expect((await submitHabilitationRequest(claire, account.id, { apiCodes: ["PNTS"] })).ok).toBe(true);
    const grant = await handleTokenRequest(passwordGrant());
    expect(grant.status).toBe(200);
    const body = (await grant.json()) as { access_token: string; refresh_token: string };
    expect((await callDh7(body.access_token)).status).toBe(200); // and now in the bearer cache

    const result = await deleteApiAccount(claire, account.id, { confirmation: " api-demo-1 " });
    expect(result).toMatchObject({ ok: true, data: { identifiant: "api-demo-1" } });

    // Tokens: the access token is refused by the simulated API, the refresh token and the password too.
    const call = await callDh7(body.access_token);
    expect(call.status).toBe(401);
    const refreshed = await handleTokenRequest(tokenRequest({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: body.refresh_token }));
    expect(refreshed.status).toBe(400);
    expect((await handleTokenRequest(passwordGrant())).status).toBe(400);
    // Everything of the account is gone.
    for (const count of [
      db().oAuthToken.count({ where: { apiAccountId: account.id } }),
      db().habilitation.count({ where: { apiAccountId: account.id } }),
      db().habilitationRequest.count({ where: { apiAccountId: account.id } }),
      db().apiFieldValue.count({ where: { apiAccountId: account.id } }),
    ]) {
      expect(await count).toBe(0);
    }
    // What stays: the audit event (what ended) and the message (without a link to a page that no longer exists).
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "ACCOUNT_DELETED", apiAccountId: account.id } });
    expect(audit).toMatchObject({ actorEmail: "correspondant@demo.fr", siret: account.establishment.siret });
    expect(JSON.parse(audit.details!)).toMatchObject({
      identifiant: "api-demo-1",
      endedHabilitations: ["DeltaH7", "Gamma2"],
      revokedTokenCount: 2,
      withdrawnRequestCount: 1,
    });
    const message = await db().outboxMessage.findFirstOrThrow({ where: { kind: "ACCOUNT_DELETED", apiAccountId: account.id } });
    expect(message.recipients).toContain("api-demo-1@transports-exemple.fr");
    expect(message.recipients).toContain("correspondant@demo.fr");
    expect(message.text).toContain("habilitations terminées : DeltaH7, Gamma2");
    expect(message.text).toContain("2 jetons en cours révoqués");
    expect(message.text).not.toContain("Voir le compte");

    // The SIRET is free: a new account (even with the same identifiant) can be created there.
    const again = await createApiAccount(claire, {
      identifiant: "api-demo-1",
      email: "nouveau@transports-exemple.fr",
      siret: account.establishment.siret,
      password: "Nouveau-Compte-2026!",
      passwordConfirmation: "Nouveau-Compte-2026!",
    });
    expect(again.ok).toBe(true);
    // …and the new account inherits nothing: no habilitation, the old access token still refused.
    expect((await callDh7(body.access_token)).status).toBe(401);
  });

  it("two deletions at once: one succeeds, the other finds nothing; one audit event", async () => {
    const account = await demoAccount();
    const claire = await actor("correspondant@demo.fr");
    const results = await Promise.all([1, 2, 3].map(() => deleteApiAccount(claire, account.id, { confirmation: "api-demo-1" })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, message: MESSAGES.notFound });
    expect(await db().auditEvent.count({ where: { action: "ACCOUNT_DELETED" } })).toBe(1);
    expect(await db().outboxMessage.count({ where: { kind: "ACCOUNT_DELETED" } })).toBe(1);
  });
});
