/**
 * « Pages qui restent à jour »: a short fingerprint of what the signed-in person's pages show. The
 * browser polls it (components/live/LiveRefresh.tsx) and refreshes the page when it changes — a
 * decision on the correspondent's open account page, a url that became active (the sweep writes its
 * event), a new message, the trainer's clock. Read-only, scoped like the pages, a few indexed reads.
 */
import { createHash } from "node:crypto";
import { db } from "../db";
import { clockOffsetMs } from "../clock";
import { canReadMessages, canUseCustomsDesk, canUseTrainerArea, scopeSirets, type Actor } from "../authorization";
import { unreadMessageCount } from "../notifications/reads";

/** Events no page shows as a change (sign-ins, token failures): they never refresh a page. */
const QUIET_ACTIONS = ["LOGIN_SUCCEEDED", "LOGIN_FAILED", "LOGIN_RATE_LIMITED", "LOGOUT", "FEDERATED_LOGIN_REFUSED", "FEDERATED_IDENTITY_LINKED", "OAUTH_TOKEN_FAILED", "OAUTH_TOKEN_RATE_LIMITED"];

async function latestEventWhere(actor: Actor) {
  if (canUseCustomsDesk(actor) || canUseTrainerArea(actor)) return {};
  const sirets = await scopeSirets(actor);
  return { OR: [{ siret: { in: sirets } }, { actorId: actor.id }] };
}

export async function liveFingerprint(actor: Actor): Promise<string> {
  const where = await latestEventWhere(actor);
  const [latest, activated, unread] = await Promise.all([
    db().auditEvent.findFirst({ where: { AND: [where, { action: { notIn: QUIET_ACTIONS } }] }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true } }),
    // The sweep dates an url activation with its effective time, which may be before the latest
    // event: its own latest counts apart, so an activation always shows.
    db().auditEvent.findFirst({ where: { AND: [where, { action: "URL_CHANGE_EFFECTIVE" }] }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true } }),
    canReadMessages(actor) ? unreadMessageCount(actor) : Promise.resolve(0),
  ]);
  // Ids (not instants): a moved clock must not make an old event look new, and the clock's offset
  // is a part of its own.
  const parts = [latest?.id ?? "-", activated?.id ?? "-", String(unread), String(clockOffsetMs())];
  return createHash("sha256").update(parts.join("|")).digest("base64url").slice(0, 16);
}
