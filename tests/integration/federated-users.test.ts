import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freezeClock } from "@/lib/clock";
import { findFederatedUser, signInFederated } from "@/lib/auth/federated-users";
import type { FederationConfig } from "@/lib/auth/federation";
import { withTestDatabase, resetToDemo } from "../support/test-db";

const START = new Date("2026-12-01T09:00:00Z");
const PROCONNECT: FederationConfig = {
  issuer: "https://proconnect.exemple.gouv.fr/api/v2",
  clientId: "console",
  clientSecret: "secret",
  scopes: "openid email",
  emailsVerifiedByProvider: false,
};
const ADDRESS = "203.0.113.5";
withTestDatabase();
beforeEach(async () => {
  await resetToDemo();
  freezeClock(START);
});

const refusals = async () =>
  (await db().auditEvent.findMany({ where: { action: "FEDERATED_LOGIN_REFUSED" }, orderBy: { at: "asc" } })).map((e) => JSON.parse(e.details!) as Record<string, unknown>);

describe("federated sign-in: who the person is in the console", () => {
  it("links by verified email at the first sign-in, then by sub — the email at the provider may change", async () => {
    const first = await signInFederated(PROCONNECT, { sub: "sub-claire", email: " Correspondant@Demo.fr ", email_verified: true }, ADDRESS);
    expect(first).toMatchObject({ ok: true, linkedNow: true, user: { email: "correspondant@demo.fr", role: "CORRESPONDENT" } });
    const claire = await db().user.findUniqueOrThrow({ where: { email: "correspondant@demo.fr" } });
    expect(claire).toMatchObject({ federatedIssuer: PROCONNECT.issuer, federatedSub: "sub-claire", federatedLinkedAt: START });

    const again = await signInFederated(PROCONNECT, { sub: "sub-claire", email: "claire.martin@nouvelle-adresse.fr" }, ADDRESS);
    expect(again).toMatchObject({ ok: true, linkedNow: false, user: { id: claire.id, email: "correspondant@demo.fr" } });
    expect(await db().user.count({ where: { email: "claire.martin@nouvelle-adresse.fr" } })).toBe(0);

    expect(await db().auditEvent.count({ where: { action: "FEDERATED_IDENTITY_LINKED", actorId: claire.id } })).toBe(1);
    const logins = await db().auditEvent.findMany({ where: { action: "LOGIN_SUCCEEDED", actorId: claire.id } });
    expect(logins.map((e) => JSON.parse(e.details!) as unknown)).toEqual([
      { address: ADDRESS, method: "federation" },
      { address: ADDRESS, method: "federation" },
    ]);
  });

  it("refuses an unknown person, creates nobody, and audits the reason", async () => {
    const users = await db().user.count();
    expect(await signInFederated(PROCONNECT, { sub: "sub-x", email: "jeanne@exemple.fr", email_verified: true }, ADDRESS)).toEqual({ ok: false, reason: "UNKNOWN_PERSON" });
    expect(await db().user.count()).toBe(users);
    expect(await refusals()).toEqual([{ reason: "UNKNOWN_PERSON", providerEmail: "jeanne@exemple.fr", sub: "sub-x", address: ADDRESS }]);
  });

  it("links nobody on an email the provider does not vouch for — unless the deployment says its federation vouches for all", async () => {
    for (const email_verified of [undefined, false, "true", 1]) {
      expect(await signInFederated(PROCONNECT, { sub: "sub-f", email: "formateur@demo.fr", email_verified }, ADDRESS)).toEqual({ ok: false, reason: "EMAIL_NOT_VERIFIED" });
    }
    expect((await db().user.findUniqueOrThrow({ where: { email: "formateur@demo.fr" } })).federatedSub).toBeNull();
    const vouched = await signInFederated({ ...PROCONNECT, emailsVerifiedByProvider: true }, { sub: "sub-f", email: "formateur@demo.fr" }, ADDRESS);
    expect(vouched).toMatchObject({ ok: true, linkedNow: true, user: { role: "TRAINER" } });
  });

  it("a second identity with a linked person's email is refused: the first link stays", async () => {
    expect((await signInFederated(PROCONNECT, { sub: "sub-agent", email: "agent@douane.demo", email_verified: true }, ADDRESS)).ok).toBe(true);
    expect(await signInFederated(PROCONNECT, { sub: "sub-imposteur", email: "agent@douane.demo", email_verified: true }, ADDRESS)).toEqual({
      ok: false,
      reason: "LINKED_TO_ANOTHER_IDENTITY",
    });
    expect((await db().user.findUniqueOrThrow({ where: { email: "agent@douane.demo" } })).federatedSub).toBe("sub-agent");
    // The same sub at another issuer is another identity.
    expect(await findFederatedUser("https://autre-fournisseur.exemple.fr", "sub-agent")).toBeNull();
  });

  it("refuses claims it cannot trust (no sub, not a string, too long)", async () => {
    for (const sub of [undefined, "", 42, { a: 1 }, "x".repeat(256)]) {
      expect(await signInFederated(PROCONNECT, { sub, email: "correspondant@demo.fr", email_verified: true }, ADDRESS)).toEqual({ ok: false, reason: "INVALID_CLAIMS" });
    }
    expect(await db().user.count({ where: { federatedSub: { not: null } } })).toBe(0);
  });

  it("racing first sign-ins of two identities with one email link exactly one", async () => {
    for (let round = 0; round < 4; round++) {
      await db().user.updateMany({ data: { federatedIssuer: null, federatedSub: null, federatedLinkedAt: null } });
      const subs = Array.from({ length: 6 }, (_, i) => `sub-${round}-${i}`);
      const results = await Promise.all(subs.map((sub) => signInFederated(PROCONNECT, { sub, email: "autre@demo.fr", email_verified: true }, ADDRESS)));
      const winners = subs.filter((_, i) => results[i]!.ok);
      expect(winners).toHaveLength(1);
      expect((await db().user.findUniqueOrThrow({ where: { email: "autre@demo.fr" } })).federatedSub).toBe(winners[0]);
      // The same identity twice at once (a double callback): both are that person.
      const twice = await Promise.all([0, 1].map(() => signInFederated(PROCONNECT, { sub: winners[0], email: "autre@demo.fr", email_verified: true }, ADDRESS)));
      expect(twice.every((r) => r.ok)).toBe(true);
    }
  });
});
