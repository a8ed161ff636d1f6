/**
 * The API account password's life cycle (issue 14 §6–8) through the real services and sweep: its age
 * on the account and in the list, the renewal reminders (30 days, 7 days, on the day; each once,
 * across concurrent sweeps; a new cycle after a change), never a block, the trainer's scenario.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freezeClock } from "@/lib/clock";
import { changeAccountPassword } from "@/lib/accounts/service";
import { getAccountDetail, listAccounts } from "@/lib/accounts/data";
import { remindPasswordRenewals } from "@/lib/accounts/password-reminders";
import { runSweep } from "@/lib/sweep/sweep";
import { runScenario } from "@/lib/scenarios/service";
import { handleTokenRequest, resetTokenRateLimits } from "@/lib/oauth/token-endpoint";
import { withTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { tokenRequest } from "../support/token-request";

const DAY = 24 * 3_600_000;
const T0 = new Date("2026-01-05T08:00:00.000Z");
const NEW_PASSWORD = "Renouvele-2026-Mdp!";

withTestDatabase();
const saved = process.env.API_PASSWORD_MAX_AGE_DAYS;
beforeEach(async () => {
  await resetToDemo();
  await resetTokenRateLimits();
  freezeClock(T0);
  await db().apiAccount.updateMany({ data: { passwordChangedAt: T0 } });
  process.env.API_PASSWORD_MAX_AGE_DAYS = "90";
});
afterEach(() => {
  freezeClock(null);
  if (saved === undefined) delete process.env.API_PASSWORD_MAX_AGE_DAYS;
  else process.env.API_PASSWORD_MAX_AGE_DAYS = saved;
});

const at = (days: number) => freezeClock(new Date(T0.getTime() + days * DAY));
const reminders = () => db().outboxMessage.findMany({ where: { kind: "PASSWORD_RENEWAL_REMINDER" }, orderBy: { createdAt: "asc" } });
const claire = () => actor("correspondant@demo.fr");
const demo = () => db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });

describe("renewal reminders", () => {
  it("are off by default: no period, no reminder, no « à renouveler »", async () => {
    delete process.env.API_PASSWORD_MAX_AGE_DAYS;
    at(2000);
    expect(await remindPasswordRenewals()).toBe(0);
    expect(await reminders()).toHaveLength(0);
    const detail = await getAccountDetail(await claire(), (await demo()).id);
    expect(detail.password.renewal).toBeNull();
    expect(detail.password.age).toBe("modifié il y a 5 ans et 5 mois");
  });

  it("30 days and 7 days before, and on the day — each once, to the account and its correspondents, with the guide's warning", async () => {
    at(59);
    await runSweep({ send: async () => {} });
    expect(await reminders()).toHaveLength(0);

    at(60);
    await Promise.all([remindPasswordRenewals(), remindPasswordRenewals(), remindPasswordRenewals()]); // three instances' sweeps at once
    await runSweep({ send: async () => {} });
    let sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe("Mot de passe du compte API api-demo-1 à renouveler avant le 5 avril 2026");
    expect(sent[0]!.recipients).toContain("api-demo-1@transports-exemple.fr");
    expect(sent[0]!.recipients).toContain("correspondant@demo.fr");
    expect(sent[0]!.text).toContain("dans 30 jours");
    expect(sent[0]!.text).toContain("Mettez à jour au même moment tous les systèmes qui utilisent ce compte");
    expect(sent[0]!.text).toContain("La console ne bloque jamais un mot de passe pour son âge");

    at(83);
    await runSweep({ send: async () => {} });
    at(90);
    await runSweep({ send: async () => {} });
    at(91);
    await runSweep({ send: async () => {} });
    sent = await reminders();
    expect(sent.map((m) => m.subject)).toEqual([
      "Mot de passe du compte API api-demo-1 à renouveler avant le 5 avril 2026",
      "Mot de passe du compte API api-demo-1 à renouveler avant le 5 avril 2026",
      "Mot de passe du compte API api-demo-1 à renouveler aujourd'hui",
    ]);
    expect(sent[1]!.text).toContain("dans 7 jours");
    const audits = await db().auditEvent.findMany({ where: { action: "PASSWORD_RENEWAL_REMINDED" }, orderBy: { at: "asc" } });
    expect(audits.map((a) => JSON.parse(a.details!).stage)).toEqual(["D30", "D7", "D0"]);
  });

  it("never blocks: past the date the password still gets tokens; a change starts a new cycle", async () => {
    at(120);
    await runSweep({ send: async () => {} });
    expect(await reminders()).toHaveLength(1); // found late: the day's reminder only
    const grant = await handleTokenRequest(
      tokenRequest({ grant_type: "password", client_id: "gun-api", scope: "openid", username: "api-demo-1", password: "Demo-Api-2026!x" }, "198.51.100.77"),
    );
    expect(grant.status).toBe(200);

    const detail = await getAccountDetail(await claire(), (await demo()).id);
    expect(detail.password.renewal).toMatchObject({ toRenew: true, overdue: true, text: "à renouveler depuis le 5 avril 2026" });
    expect((await listAccounts(await claire(), { passwordToRenew: true })).rows.map((r) => r.identifiant)).toEqual(["api-demo-1"]);

    expect((await changeAccountPassword(await claire(), (await demo()).id, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD, confirmSynchronized: true })).ok).toBe(true);
    expect((await listAccounts(await claire(), { passwordToRenew: true })).rows).toHaveLength(0);
    expect((await getAccountDetail(await claire(), (await demo()).id)).password).toMatchObject({ age: "modifié aujourd'hui", renewal: { toRenew: false } });
    at(120 + 60);
    await runSweep({ send: async () => {} });
    const sent = await reminders();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toContain("dans 30 jours");
  });
});

describe("the trainer's scenario « Mot de passe à renouveler »", () => {
  it("an account 7 days from its renewal date, with its two reminders; +7 days, the day's one", async () => {
    process.env.API_PASSWORD_MAX_AGE_DAYS = "424";
    process.env.DEMO_MODE = "1";
    try {
      await runScenario("mot-de-passe-a-renouveler", null);
      const detail = await getAccountDetail(await claire(), (await demo()).id);
      expect(detail.status.level).toBe("green");
      expect(detail.password.renewal).toMatchObject({ toRenew: true, overdue: false });
      expect(detail.password.renewal!.text).toMatch(/^à renouveler avant le .+ \(dans 7 jours\)$/);
      expect((await reminders()).map((m) => m.status)).toEqual(["HELD", "HELD"]); // written by the scenario: never e-mailed
      at(7 + 1 / 1440); // 7 days (and a minute) after the scenario's load instant: the renewal date
      await runSweep({ send: async () => {} });
      const all = await reminders();
      expect(all).toHaveLength(3);
      expect(all[2]!.subject).toBe("Mot de passe du compte API api-demo-1 à renouveler aujourd'hui");
    } finally {
      delete process.env.DEMO_MODE;
    }
  });
});
