/**
 * « Pages qui restent à jour »: a short fingerprint of what the signed-in person's pages show. The
 * browser polls it (components/live/LiveRefresh.tsx) and refreshes the page when it changes — a
 * decision on the correspondent's open account page, a url that became active (the sweep writes its
 * event), a new message, the trainer's clock. Read-only, scoped like the pages, a few indexed reads.
 */
import { createHash } from "node:crypto";
import { db } from "../db";
import { clockOffsetMs } from "../clock";
import { Prisma } from "@/generated/prisma/client";
import { canReadMessages, canUseCustomsDesk, canUseTrainerArea, scopeSiretsSql, type Actor } from "../authorization";
import { unreadMessageCount } from "../notifications/reads";

/** Events no page shows as a change (sign-ins, token failures): they never refresh a page. */
const QUIET_ACTIONS = ["LOGIN_SUCCEEDED", "LOGIN_FAILED", "LOGIN_RATE_LIMITED", "LOGOUT", "FEDERATED_LOGIN_REFUSED", "FEDERATED_IDENTITY_LINKED", "OAUTH_TOKEN_FAILED", "OAUTH_TOKEN_RATE_LIMITED"];

/** The latest event id of the actor's pages (all, for customs and trainers; their SIRETs' and their own, for a correspondent). */
async function latestEventId(actor: Actor, actions: { only: string } | { except: readonly string[] }): Promise<string | null> {
  const actionSql = "only" in actions ? Prisma.sql`a."action" = ${actions.only}` : Prisma.sql`a."action" NOT IN (${Prisma.join([...actions.except])})`;
  // The SIRETs as a subquery (lib/authorization): no parameter per SIRET, whatever the scope's size.
  const scopeSql = canUseCustomsDesk(actor) || canUseTrainerArea(actor) ? Prisma.sql`1 = 1` : Prisma.sql`(a."siret" IN (${scopeSiretsSql(actor)}) OR a."actorId" = ${actor.id})`;
  const rows = await db().$queryRaw<{ id: string }[]>`
    SELECT a."id" FROM "AuditEvent" a WHERE ${scopeSql} AND ${actionSql} ORDER BY a."at" DESC, a."id" DESC LIMIT 1`;
  return rows[0]?.id ?? null;
}

export async function liveFingerprint(actor: Actor): Promise<string> {
  const [latest, activated, unread] = await Promise.all([
    latestEventId(actor, { except: QUIET_ACTIONS }),
    // The sweep dates an url activation with its effective time, which may be before the latest
    // event: its own latest counts apart, so an activation always shows.
    latestEventId(actor, { only: "URL_CHANGE_EFFECTIVE" }),
    canReadMessages(actor) ? unreadMessageCount(actor) : Promise.resolve(0),
  ]);
  // Ids (not instants): a moved clock must not make an old event look new, and the clock's offset
  // is a part of its own.
  const parts = [latest ?? "-", activated ?? "-", String(unread), String(clockOffsetMs())];
  return createHash("sha256").update(parts.join("|")).digest("base64url").slice(0, 16);
}
