/**
 * « Messages » read state (issue 13 §9): unread per person, opening marks one read, « Tout marquer
 * comme lu », nothing outside the reader's SIRETs, a link to the account while it exists.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeAccountEmail, deleteApiAccount } from "@/lib/accounts/service";
import { listMessages } from "@/lib/notifications/data";
import { markAllMessagesRead, markMessageRead, unreadMessageCount } from "@/lib/notifications/reads";
import { liveFingerprint } from "@/lib/live/fingerprint";
import { withTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";

withTestDatabase();
beforeEach(() => resetToDemo());

const claire = () => actor("correspondant@demo.fr");
const paul = () => actor("autre@demo.fr");

async function twoMessages() {
  const c = await claire();
  const account = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
  for (const email of ["un@transports-exemple.fr", "deux@transports-exemple.fr"]) {
    const result = await changeAccountEmail(c, account.id, { email });
    expect(result.ok).toBe(true);
  }
  return { c, account };
}

describe("message read state", () => {
  it("counts unread per person; opening one marks it read for that person only", async () => {
    const { c } = await twoMessages();
    const before = await unreadMessageCount(c);
    expect(before).toBeGreaterThanOrEqual(2);
    const list = await listMessages(c, {});
    expect(list.unread).toBe(before);
    expect(list.rows.every((r) => !r.read)).toBe(true);

    expect((await markMessageRead(c, list.rows[0]!.id)).ok).toBe(true);
    expect((await markMessageRead(c, list.rows[0]!.id)).ok).toBe(true); // twice: still one read
    expect(await unreadMessageCount(c)).toBe(before - 1);
    expect((await listMessages(c, {})).rows.find((r) => r.id === list.rows[0]!.id)!.read).toBe(true);
    expect(await db().messageRead.count()).toBe(1);

    // Another correspondent cannot mark (nor learn about) Claire's message.
    const p = await paul();
    expect(await markMessageRead(p, list.rows[1]!.id)).toEqual({ ok: false, message: "Ce message n'existe pas ou ne vous est pas adressé." });
    expect(await db().messageRead.count()).toBe(1);
  });

  it("« Tout marquer comme lu » marks every unread message of the reader's SIRETs, once", async () => {
    const { c } = await twoMessages();
    const unread = await unreadMessageCount(c);
    const [first, second] = await Promise.all([markAllMessagesRead(c), markAllMessagesRead(c)]); // two tabs
    expect(first.ok && second.ok).toBe(true);
    expect(await unreadMessageCount(c)).toBe(0);
    expect(await db().messageRead.count({ where: { userId: c.id } })).toBe(unread);
    expect(await markAllMessagesRead(await actor("agent@douane.demo"))).toMatchObject({ ok: false });
  });

  it("a message links to its account while the account exists", async () => {
    const { c, account } = await twoMessages();
    expect((await listMessages(c, {})).rows[0]!.account).toEqual({ id: account.id, identifiant: "api-demo-1" });
    expect((await deleteApiAccount(c, account.id, { confirmation: "api-demo-1" })).ok).toBe(true);
    const rows = (await listMessages(c, {})).rows;
    expect(rows[0]!.kind).toBe("ACCOUNT_DELETED");
    expect(rows.every((r) => r.account === null)).toBe(true);
  });
});

describe("a correspondent of thousands of SIRETs", () => {
  it("gets the header's count, the Messages page and the live fingerprint (the scope is a subquery: no parameter per SIRET)", async () => {
    const { c } = await twoMessages();
    const company = await db().company.findFirstOrThrow();
    const many = Array.from({ length: 1_500 }, (_, i) => ({ id: `etab-bulk-${i}`, siret: `9${String(i).padStart(13, "0")}`, companyId: company.id, city: "Lille" }));
    await db().establishment.createMany({ data: many });
    await db().correspondentScope.createMany({ data: many.map((e) => ({ userId: c.id, establishmentId: e.id })) });
    const unread = await unreadMessageCount(c);
    expect(unread).toBeGreaterThanOrEqual(2);
    const list = await listMessages(c, {});
    expect(list.total).toBeGreaterThanOrEqual(2);
    expect(list.unread).toBe(unread);
    expect(list.rows.length).toBe(Math.min(list.total, 20));
    expect(list.rows.map((r) => r.createdAt.getTime())).toEqual([...list.rows.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
    expect(await liveFingerprint(c)).toMatch(/^[\w-]{16}$/);
    expect((await markAllMessagesRead(c)).ok).toBe(true);
    expect(await unreadMessageCount(c)).toBe(0);
    // Paul still sees nothing of Claire's SIRETs.
    expect((await listMessages(await paul(), {})).rows.every((r) => r.siret === "31415926000012")).toBe(true);
  });
});
