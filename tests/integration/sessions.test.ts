/**
 * Server-side sessions (finding 6) and the demo people's passwords (finding 14): a session ends on
 * the server at sign-out, when the person is removed as correspondent of a SIRET, and when their
 * password changes; each demo person has a hash of their own.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { endSession, openSession, sessionIsOpen } from "@/lib/auth/sessions";
import { authOptions, ENDED_SESSION } from "@/lib/auth/options";
import { nameCorrespondent, removeCorrespondent } from "@/lib/administration/service";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_COLLABORATORS, DEMO_USERS, seedDemo } from "@/prisma/demo-data";
import { runScenario } from "@/lib/scenarios/service";
import { withTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";

withTestDatabase();
beforeEach(() => resetToDemo());

describe("sessions end on the server", () => {
  it("sign-out ends that session only, and the cookie's token is then refused by next-auth too", async () => {
    const claire = await actor("correspondant@demo.fr");
    const laptop = await openSession(claire.id);
    const phone = await openSession(claire.id);
    expect(await sessionIsOpen(laptop, claire.id)).toBe(true);
    expect(await sessionIsOpen(laptop, "quelqu-un-d-autre")).toBe(false);
    await authOptions().events!.signOut!({ token: { sid: laptop, uid: claire.id, email: claire.email }, session: undefined as never });
    expect(await sessionIsOpen(laptop, claire.id)).toBe(false);
    expect(await sessionIsOpen(phone, claire.id)).toBe(true);
    const jwt = authOptions().callbacks!.jwt!;
    await expect(jwt({ token: { sid: laptop, uid: claire.id }, account: null } as never)).rejects.toThrow(ENDED_SESSION);
    await expect(jwt({ token: { sid: phone, uid: claire.id }, account: null } as never)).resolves.toMatchObject({ sid: phone });
    expect(await db().auditEvent.count({ where: { action: "LOGOUT", actorId: claire.id } })).toBe(1);
    // Only the SHA-256 of the session id is stored.
    expect(JSON.stringify(await db().userSession.findMany())).not.toContain(laptop);
  });

  it("removing a correspondent from a SIRET ends all of their sessions at once", async () => {
    const claire = await actor("correspondant@demo.fr");
    const paul = await actor("autre@demo.fr");
    const sophie = await actor("sophie.leroy@transports-exemple.fr");
    expect((await nameCorrespondent(claire, { siret: "12345678200010", userId: sophie.id })).ok).toBe(true);
    const sophieSessions = [await openSession(sophie.id), await openSession(sophie.id)];
    const paulSession = await openSession(paul.id);
    expect((await removeCorrespondent(claire, { siret: "12345678200010", userId: sophie.id })).ok).toBe(true);
    for (const sid of sophieSessions) expect(await sessionIsOpen(sid, sophie.id)).toBe(false);
    expect(await sessionIsOpen(paulSession, paul.id)).toBe(true);
    expect((await db().userSession.findFirstOrThrow({ where: { userId: sophie.id } })).endReason).toBe("SCOPE_REMOVED");
  });

  it("a person's password change ends their sessions; an unchanged password keeps them", async () => {
    const claire = await actor("correspondant@demo.fr");
    const sid = await openSession(claire.id);
    await seedDemo(db()); // the demo password still matches: nothing changes
    expect(await sessionIsOpen(sid, claire.id)).toBe(true);
    await db().user.update({ where: { id: claire.id }, data: { passwordHash: await hashPassword("Un-Autre-Secret-2026!") } });
    await seedDemo(db()); // the seed puts the demo password back: a password change
    expect(await sessionIsOpen(sid, claire.id)).toBe(false);
  });

  it("a trainer's scenario load keeps the demo people signed in", async () => {
    const trainer = await actor("formateur@demo.fr");
    const sid = await openSession(trainer.id);
    await runScenario("trois-etats", trainer);
    expect(await sessionIsOpen(sid, trainer.id)).toBe(true);
    await endSession(sid);
    expect(await sessionIsOpen(sid, trainer.id)).toBe(false);
  });
});

describe("demo passwords (finding 14)", () => {
  it("every demo person and API account has a hash with its own salt", async () => {
    const users = await db().user.findMany({ select: { email: true, passwordHash: true } });
    expect(users.length).toBe(DEMO_USERS.length + DEMO_COLLABORATORS.length);
    const salts = users.map((u) => u.passwordHash.split("$")[4]);
    expect(new Set(salts).size).toBe(users.length);
    const accounts = await db().apiAccount.findMany({ select: { passwordHash: true } });
    const all = [...users.map((u) => u.passwordHash), ...accounts.map((a) => a.passwordHash)];
    expect(new Set(all).size).toBe(all.length);
  });
});
