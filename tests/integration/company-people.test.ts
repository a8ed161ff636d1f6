import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decideAttachment, CERTIFICATION_MESSAGES } from "@/lib/certification/service";
import { listAttachmentRequests } from "@/lib/certification/data";
import { nameCorrespondent, removeCorrespondent, ADMINISTRATION_MESSAGES } from "@/lib/administration/service";
import { listSiretCorrespondents } from "@/lib/administration/data";
import { listAccounts } from "@/lib/accounts/data";
import { withTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";

withTestDatabase();
beforeEach(() => resetToDemo());

async function attachmentOf(email: string) {
  return db().attachmentRequest.findFirstOrThrow({ where: { user: { email } } });
}

describe("CERTIFICATION: certify / de-certify collaborators' attachments", () => {
  it("lists only the requests on my SIRETs", async () => {
    const claire = await actor("correspondant@demo.fr");
    const paul = await actor("autre@demo.fr");
    expect((await listAttachmentRequests(claire)).map((r) => r.userEmail).sort()).toEqual([
      "julie.bernard@transports-exemple.fr",
      "marc.petit@logistique-demo.fr",
      "sophie.leroy@transports-exemple.fr",
    ]);
    expect((await listAttachmentRequests(paul)).map((r) => r.userEmail)).toEqual(["nicolas.moreau@autre-entreprise.fr"]);
    expect(await listAttachmentRequests(await actor("agent@douane.demo"))).toEqual([]);
  });

  it("certifies a pending request, audits it, and refuses to decide it twice the same way", async () => {
    const claire = await actor("correspondant@demo.fr");
    const julie = await attachmentOf("julie.bernard@transports-exemple.fr");
    const result = await decideAttachment(claire, julie.id, "certify");
    expect(result.ok).toBe(true);
    expect((await attachmentOf("julie.bernard@transports-exemple.fr")).status).toBe("CERTIFIED");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "ATTACHMENT_CERTIFIED" } });
    expect(audit).toMatchObject({ actorEmail: "correspondant@demo.fr", siret: "12345678200010" });
    expect(await decideAttachment(claire, julie.id, "certify")).toMatchObject({ ok: false, message: CERTIFICATION_MESSAGES.alreadyDecided });
    expect((await decideAttachment(claire, julie.id, "decertify")).ok).toBe(true);
    expect((await attachmentOf("julie.bernard@transports-exemple.fr")).status).toBe("DECERTIFIED");
  });

  it("answers not found for another SIRET's request and for junk", async () => {
    const paul = await actor("autre@demo.fr");
    const julie = await attachmentOf("julie.bernard@transports-exemple.fr");
    expect(await decideAttachment(paul, julie.id, "certify")).toMatchObject({ ok: false, message: CERTIFICATION_MESSAGES.notFound });
    expect(await decideAttachment(paul, julie.id, "approve")).toMatchObject({ ok: false, message: CERTIFICATION_MESSAGES.invalidDecision });
    expect(await decideAttachment(paul, { id: julie.id }, "certify")).toMatchObject({ ok: false });
    expect(await decideAttachment(await actor("agent@douane.demo"), julie.id, "certify")).toMatchObject({ ok: false, message: CERTIFICATION_MESSAGES.forbidden });
    expect((await attachmentOf("julie.bernard@transports-exemple.fr")).status).toBe("PENDING");
  });

  it("lets only one of two concurrent decisions win", async () => {
    const claire = await actor("correspondant@demo.fr");
    const marc = await attachmentOf("marc.petit@logistique-demo.fr");
    const results = await Promise.all([decideAttachment(claire, marc.id, "certify"), decideAttachment(claire, marc.id, "certify")]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db().auditEvent.count({ where: { action: "ATTACHMENT_CERTIFIED" } })).toBe(1);
  });
});

describe("ADMINISTRATION: name and remove correspondents", () => {
  it("names a certified collaborator, who then reaches the SIRET's accounts", async () => {
    const claire = await actor("correspondant@demo.fr");
    const sophie = await db().user.findUniqueOrThrow({ where: { email: "sophie.leroy@transports-exemple.fr" } });
    const panel = (await listSiretCorrespondents(claire)).find((p) => p.siret === "12345678200010")!;
    expect(panel.candidates.map((c) => c.email)).toEqual(["sophie.leroy@transports-exemple.fr"]);
    expect(panel.correspondents.map((c) => c.email)).toEqual(["correspondant@demo.fr"]);

    expect((await nameCorrespondent(claire, { siret: "12345678200010", userId: sophie.id })).ok).toBe(true);
    const named = await actor("sophie.leroy@transports-exemple.fr");
    expect(named.role).toBe("CORRESPONDENT");
    expect((await listAccounts(named, {})).rows.map((r) => r.identifiant)).toEqual(["api-demo-1"]);
    expect(await db().auditEvent.count({ where: { action: "CORRESPONDENT_NAMED", siret: "12345678200010" } })).toBe(1);
  });

  it("refuses to name someone who is not a candidate (pending collaborator, agent, stranger)", async () => {
    const claire = await actor("correspondant@demo.fr");
    for (const email of ["julie.bernard@transports-exemple.fr", "agent@douane.demo", "autre@demo.fr"]) {
      const user = await db().user.findUniqueOrThrow({ where: { email } });
      expect(await nameCorrespondent(claire, { siret: "12345678200010", userId: user.id })).toMatchObject({
        ok: false,
        message: ADMINISTRATION_MESSAGES.notCandidate,
      });
    }
    const paul = await actor("autre@demo.fr");
    const sophie = await db().user.findUniqueOrThrow({ where: { email: "sophie.leroy@transports-exemple.fr" } });
    expect(await nameCorrespondent(paul, { siret: "12345678200010", userId: sophie.id })).toMatchObject({
      ok: false,
      message: ADMINISTRATION_MESSAGES.siretNotInScope,
    });
    expect(await db().correspondentScope.count()).toBe(4);
  });

  it("never removes the last correspondent of a SIRET, even under concurrent removals", async () => {
    const claire = await actor("correspondant@demo.fr");
    const me = await db().user.findUniqueOrThrow({ where: { email: "correspondant@demo.fr" } });
    expect(await removeCorrespondent(claire, { siret: "12345678200010", userId: me.id })).toMatchObject({
      ok: false,
      message: ADMINISTRATION_MESSAGES.lastOne,
    });
    const sophie = await db().user.findUniqueOrThrow({ where: { email: "sophie.leroy@transports-exemple.fr" } });
    await nameCorrespondent(claire, { siret: "12345678200010", userId: sophie.id });
    const sophieActor = await actor("sophie.leroy@transports-exemple.fr");
    const results = await Promise.all([
      removeCorrespondent(claire, { siret: "12345678200010", userId: sophie.id }),
      removeCorrespondent(sophieActor, { siret: "12345678200010", userId: me.id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const establishment = await db().establishment.findUniqueOrThrow({ where: { siret: "12345678200010" } });
    expect(await db().correspondentScope.count({ where: { establishmentId: establishment.id } })).toBe(1);
  });

  it("blocks de-certifying a correspondent until they are removed", async () => {
    const claire = await actor("correspondant@demo.fr");
    const sophie = await db().user.findUniqueOrThrow({ where: { email: "sophie.leroy@transports-exemple.fr" } });
    await nameCorrespondent(claire, { siret: "12345678200010", userId: sophie.id });
    const attachment = await attachmentOf("sophie.leroy@transports-exemple.fr");
    expect(await decideAttachment(claire, attachment.id, "decertify")).toMatchObject({ ok: false, message: CERTIFICATION_MESSAGES.isCorrespondent });
    expect((await removeCorrespondent(claire, { siret: "12345678200010", userId: sophie.id })).ok).toBe(true);
    expect((await decideAttachment(claire, attachment.id, "decertify")).ok).toBe(true);
  });
});
