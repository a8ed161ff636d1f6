import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { NotFoundError } from "@/lib/authorization";
import { changeAccountEmail, changeAccountPassword, createApiAccount, MESSAGES } from "@/lib/accounts/service";
import { getAccountDetail, getAccountHistory, listAccounts, listSiretOptions } from "@/lib/accounts/data";
import { withTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";

const GOOD = "Abcdefgh1234!";
const input = (over: Record<string, unknown> = {}) => ({
  identifiant: "api-lyon",
  email: "api@logistique-demo.fr",
  siret: "98765432400019",
  password: GOOD,
  passwordConfirmation: GOOD,
  ...over,
});

withTestDatabase();
beforeEach(() => resetToDemo());

async function counts() {
  return { accounts: await db().apiAccount.count(), audits: await db().auditEvent.count({ where: { action: { startsWith: "ACCOUNT_" } } }) };
}

describe("creating an API account", () => {
  it("creates the account with a hashed password and an audit event", async () => {
    const claire = await actor("correspondant@demo.fr");
    const result = await createApiAccount(claire, input());
    expect(result.ok).toBe(true);
    const row = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-lyon" }, include: { establishment: true } });
    expect(row.establishment.siret).toBe("98765432400019");
    expect(row.passwordHash).not.toContain(GOOD);
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(row.passwordHash, GOOD)).toBe(true);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { apiAccountId: row.id, action: "ACCOUNT_CREATED" } });
    expect(audit.actorEmail).toBe("correspondant@demo.fr");
    expect(audit.siret).toBe("98765432400019");
    expect(audit.details).not.toContain(GOOD);
  });

  it("refuses a second account on the same SIRET", async () => {
    const claire = await actor("correspondant@demo.fr");
    const result = await createApiAccount(claire, input({ siret: "12345678200010", identifiant: "autre-nom" }));
    expect(result).toMatchObject({ ok: false, errors: { siret: [MESSAGES.siretTaken] } });
  });

  it("refuses an identifiant already used, whatever its case", async () => {
    const claire = await actor("correspondant@demo.fr");
    const result = await createApiAccount(claire, input({ identifiant: "API-Demo-1" }));
    expect(result).toMatchObject({ ok: false, errors: { identifiant: [MESSAGES.identifiantTaken] } });
  });

  it("50 concurrent creations for one SIRET → exactly 1 account and 49 clear errors", async () => {
    const claire = await actor("correspondant@demo.fr");
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createApiAccount(claire, input({ identifiant: `concurrent-${i}` }))),
    );
    const ok = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) expect(r).toMatchObject({ ok: false, message: MESSAGES.siretTaken });
    const after = await counts();
    expect(after.accounts - before.accounts).toBe(1);
    expect(after.audits - before.audits).toBe(1);
  });

  it("50 concurrent creations with one identifiant on different SIRETs → 1 account, identifiant errors", async () => {
    const claire = await actor("correspondant@demo.fr");
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createApiAccount(claire, input({ identifiant: "Same-Name", siret: i % 2 ? "98765432400019" : "55555555600011" }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) {
      expect([MESSAGES.identifiantTaken, MESSAGES.siretTaken]).toContain((r as { message: string }).message);
    }
    expect(await db().apiAccount.count({ where: { identifiantKey: "same-name" } })).toBe(1);
  });

  it.each([
    ["a weak password", { password: "weakpass", passwordConfirmation: "weakpass" }, "password"],
    ["a confirmation mismatch", { passwordConfirmation: "Abcdefgh1234?" }, "passwordConfirmation"],
    ["an invalid SIRET", { siret: "12345678200011" }, "siret"],
    ["an invalid email", { email: "pas-un-email" }, "email"],
    ["an invalid identifiant", { identifiant: "a b<script>" }, "identifiant"],
    ["wrong types", { identifiant: 42, email: null }, "identifiant"],
  ])("rejects %s and writes nothing", async (_label, over, field) => {
    const claire = await actor("correspondant@demo.fr");
    const before = await counts();
    const result = await createApiAccount(claire, input(over));
    expect(result.ok).toBe(false);
    expect(Object.keys((result as { errors: object }).errors)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it("rejects a non-object payload", async () => {
    const claire = await actor("correspondant@demo.fr");
    for (const payload of [null, "x", 3, [], undefined]) {
      expect((await createApiAccount(claire, payload)).ok).toBe(false);
    }
    expect((await counts()).accounts).toBe(1);
  });
});

describe("scope enforcement", () => {
  it("refuses a SIRET outside the correspondent's scope, without revealing it exists", async () => {
    const paul = await actor("autre@demo.fr");
    const existing = await createApiAccount(paul, input({ siret: "98765432400019" }));
    const unknown = await createApiAccount(paul, input({ siret: "73282932000074" }));
    expect(existing).toMatchObject({ ok: false, message: MESSAGES.siretNotInScope });
    expect(unknown).toMatchObject({ ok: false, message: MESSAGES.siretNotInScope });
    expect(await db().apiAccount.count()).toBe(1);
  });

  it("lists only the accounts and SIRETs of the correspondent's scope", async () => {
    const claire = await actor("correspondant@demo.fr");
    const paul = await actor("autre@demo.fr");
    expect((await createApiAccount(paul, input({ identifiant: "api-marseille", siret: "31415926000012" }))).ok).toBe(true);
    const claireList = await listAccounts(claire, {});
    const paulList = await listAccounts(paul, {});
    expect(claireList.rows.map((r) => r.identifiant)).toEqual(["api-demo-1"]);
    expect(paulList.rows.map((r) => r.identifiant)).toEqual(["api-marseille"]);
    expect((await listSiretOptions(paul)).map((s) => s.siret)).toEqual(["31415926000012"]);
    expect((await listSiretOptions(claire)).map((s) => [s.siret, s.existingIdentifiant])).toEqual([
      ["12345678200010", "api-demo-1"],
      ["55555555600011", null],
      ["98765432400019", null],
    ]);
  });

  it("answers NotFound for another SIRET's account on every read and write", async () => {
    const paul = await actor("autre@demo.fr");
    const demo = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
    await expect(getAccountDetail(paul, demo.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAccountHistory(paul, demo.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getAccountDetail(paul, "n-existe-pas")).rejects.toBeInstanceOf(NotFoundError);
    expect(await changeAccountEmail(paul, demo.id, { email: "pirate@x.fr" })).toMatchObject({ ok: false, message: MESSAGES.notFound });
    expect(
      await changeAccountPassword(paul, demo.id, { password: GOOD, passwordConfirmation: GOOD, confirmSynchronized: true }),
    ).toMatchObject({ ok: false, message: MESSAGES.notFound });
    const unchanged = await db().apiAccount.findUniqueOrThrow({ where: { id: demo.id } });
    expect(unchanged.email).toBe(demo.email);
    expect(unchanged.passwordHash).toBe(demo.passwordHash);
  });

  it("lets customs agents and trainers read but never write", async () => {
    const agent = await actor("agent@douane.demo");
    const trainer = await actor("formateur@demo.fr");
    const demo = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
    expect((await listAccounts(agent, {})).total).toBe(1);
    expect((await getAccountDetail(trainer, demo.id)).identifiant).toBe("api-demo-1");
    expect(await createApiAccount(agent, input())).toMatchObject({ ok: false, message: MESSAGES.forbidden });
    expect(await changeAccountEmail(trainer, demo.id, { email: "x@y.fr" })).toMatchObject({ ok: false, message: MESSAGES.forbidden });
  });
});

describe("changing an account", () => {
  it("changes the email and audits old → new", async () => {
    const claire = await actor("correspondant@demo.fr");
    const demo = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
    expect((await changeAccountEmail(claire, demo.id, { email: "nouveau@transports-exemple.fr" })).ok).toBe(true);
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: demo.id } })).email).toBe("nouveau@transports-exemple.fr");
    const history = await getAccountHistory(claire, demo.id);
    expect(history[0]).toMatchObject({ action: "ACCOUNT_EMAIL_CHANGED" });
    expect(JSON.parse(history[0]!.details!)).toEqual({ from: demo.email, to: "nouveau@transports-exemple.fr" });
    expect(await changeAccountEmail(claire, demo.id, { email: "nouveau@transports-exemple.fr" })).toMatchObject({ ok: false, message: MESSAGES.sameEmail });
  });

  it("changes the password immediately, revokes the account's tokens, and needs the confirmation", async () => {
    const claire = await actor("correspondant@demo.fr");
    const demo = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
    await db().oAuthToken.create({
      data: { tokenHash: "h1", kind: "ACCESS", apiAccountId: demo.id, issuedAt: new Date(), expiresAt: new Date(Date.now() + 300_000), authTime: new Date() },
    });
    const unconfirmed = await changeAccountPassword(claire, demo.id, { password: GOOD, passwordConfirmation: GOOD, confirmSynchronized: false });
    expect(unconfirmed.ok).toBe(false);
    expect((await db().apiAccount.findUniqueOrThrow({ where: { id: demo.id } })).passwordHash).toBe(demo.passwordHash);

    const done = await changeAccountPassword(claire, demo.id, { password: GOOD, passwordConfirmation: GOOD, confirmSynchronized: true });
    expect(done.ok).toBe(true);
    const after = await db().apiAccount.findUniqueOrThrow({ where: { id: demo.id } });
    expect(await verifyPassword(after.passwordHash, GOOD)).toBe(true);
    expect(after.passwordChangedAt.getTime()).toBeGreaterThan(demo.passwordChangedAt.getTime());
    expect((await db().oAuthToken.findFirstOrThrow({ where: { tokenHash: "h1" } })).revokedAt).not.toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({ where: { apiAccountId: demo.id, action: "ACCOUNT_PASSWORD_CHANGED" } });
    expect(audit.details).not.toContain(GOOD);

    const same = await changeAccountPassword(claire, demo.id, { password: GOOD, passwordConfirmation: GOOD, confirmSynchronized: true });
    expect(same).toMatchObject({ ok: false, message: MESSAGES.samePassword });
  });
});

describe("list search and pagination", () => {
  it("searches by SIRET, identifiant and email, server-side, and paginates", async () => {
    const claire = await actor("correspondant@demo.fr");
    expect((await listAccounts(claire, { q: "678 200" })).rows).toHaveLength(1);
    expect((await listAccounts(claire, { q: "DEMO-1" })).rows).toHaveLength(1);
    expect((await listAccounts(claire, { q: "transports-exemple" })).rows).toHaveLength(1);
    expect((await listAccounts(claire, { q: "zzz" })).total).toBe(0);
    expect((await listAccounts(claire, { status: "red" })).total).toBe(1);
    expect((await listAccounts(claire, { status: "green" })).total).toBe(0);
    const page = await listAccounts(claire, { page: 99 });
    expect(page.page).toBe(1);
  });
});
