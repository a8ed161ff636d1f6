/**
 * Customs calling the operator back (DeltaH7): each CustomsCallback row is delivered at the API's
 * **active** url (lib/habilitations/url-change.ts `urlAt`: while a change is pending, the old
 * active url — the guide's 4 h / 15 min rule — and only while the habilitation is active), with
 * the API's **token** field as `Authorization: Bearer …`, through the outbound policy (lib/callbacks/deliver.ts). One sender at a time per row (a
 * conditional claim, so two instances never send one row twice at once); a network error or a 5xx
 * is retried with backoff (./messages.ts), a 4xx or the last attempt marks it FAILED. Every attempt
 * is kept (CallbackAttempt: time, url, status, latency, attempt number — never the token).
 * Run by the sweep for retries, and at once after a declaration is acknowledged (by the process that
 * created the row already claimed: `deliverOwnClaim`).
 */
import { db } from "../db";
import { now } from "../clock";
import { decryptSecret } from "../crypto/secrets";
import { log } from "../log";
import { urlAt } from "../habilitations/url-change";
import { loopbackAllowed, type OutboundOptions } from "../net/outbound";
import { policyFetch, type FetchLike } from "../net/outbound-fetch";
import { CALLBACK_TIMEOUT_MS, deliverCallback } from "../callbacks/deliver";
import { callbackUrl } from "../callbacks/messages";
import { isOwnDemoReceiver } from "../callbacks/receiver";
import { HEADER_SAFE } from "../callbacks/service";
import { nextAttemptDelayMs, shouldRetry } from "./messages";
import { recordAudit } from "../audit/audit";
import { callbackAccountsWhere, canSendTestCallbacks, type Actor } from "../authorization";
import { fail, type ActionResult } from "../action-result";

export type CustomsRelayReport = { sent: number; retried: number; failed: number };
export type CustomsRelayDeps = { fetch?: FetchLike; resolve?: OutboundOptions["resolve"]; timeoutMs?: number };

/** How long a sender holds a row; a sender that stops leaves it to the sweep once this has passed. */
export const CLAIM_MS = 60_000;
const BATCH = 50;

/** What a sender needs of a CustomsCallback row. */
export type CustomsCallbackRow = { id: string; apiAccountId: string; apiCode: string; path: string; body: string; attempts: number };
type Row = CustomsCallbackRow;
export const CUSTOMS_CALLBACK_ROW = { id: true, apiAccountId: true, apiCode: true, path: true, body: true, attempts: true } as const;

/** What stands between the row and a request: the url in force and the token (a French reason, or the two). One query. */
async function target(row: Row): Promise<{ url: string; token: string } | { problem: string }> {
  // The API's url and token fields, only while the account holds an active habilitation on it.
  const habilitation = await db().habilitation.findFirst({
    where: { apiAccountId: row.apiAccountId, revokedAt: null, api: { code: row.apiCode } },
    select: {
      apiId: true,
      apiAccount: {
        select: {
          fieldValues: {
            where: { fieldKey: { in: ["url", "token"] } },
            select: { apiId: true, fieldKey: true, value: true, secretCipher: true, pendingValue: true, pendingRequestedAt: true, pendingEffectiveAt: true },
          },
        },
      },
    },
  });
  const fields = habilitation ? habilitation.apiAccount.fieldValues.filter((f) => f.apiId === habilitation.apiId) : [];
  const urlRow = fields.find((f) => f.fieldKey === "url");
  const activeUrl = urlRow ? urlAt(urlRow, now()).active : null;
  if (!activeUrl) return { problem: "Aucune url active pour cette API : la douane ne sait pas où appeler." };
  const tokenRow = fields.find((f) => f.fieldKey === "token");
  if (!tokenRow?.secretCipher) return { problem: "Aucun token enregistré pour cette API : la douane ne peut pas s'authentifier." };
  let token: string;
  try {
    token = decryptSecret(tokenRow.secretCipher);
  } catch {
    return { problem: "Le token enregistré ne peut pas être déchiffré." };
  }
  if (!HEADER_SAFE.test(token)) return { problem: "Le token enregistré ne peut pas aller dans un en-tête HTTP." };
  try {
    return { url: callbackUrl(activeUrl, row.path), token };
  } catch {
    return { problem: "L'url active n'est pas une URL valide." };
  }
}

async function deliverOne(row: Row, deps: CustomsRelayDeps): Promise<"sent" | "retried" | "failed"> {
  const at = now();
  const attemptNumber = row.attempts + 1;
  const found = await target(row);
  let status: number | null = null;
  let latencyMs: number | null = null;
  let snippet: string | null = null;
  let error: string | null = null;
  let url = row.path;
  if ("problem" in found) {
    error = found.problem;
  } else {
    url = found.url;
    const options: OutboundOptions = { allowLoopback: loopbackAllowed() || isOwnDemoReceiver(found.url), resolve: deps.resolve };
    const delivery = await deliverCallback({
      url: found.url,
      token: found.token,
      body: JSON.parse(row.body) as Record<string, unknown>,
      timeoutMs: deps.timeoutMs ?? CALLBACK_TIMEOUT_MS,
      fetch: policyFetch(options, deps.fetch),
    });
    status = delivery.status;
    latencyMs = delivery.latencyMs;
    snippet = delivery.snippet;
    if (delivery.outcome !== "success") error = delivery.message;
  }
  const success = error === null;
  const delay = success ? null : shouldRetry(status) ? nextAttemptDelayMs(attemptNumber) : null;
  const outcome = success ? "sent" : delay !== null ? "retried" : "failed";
  // The attempt and the row's new state together (we hold the claim: no condition needed).
  await db().$transaction([
    db().callbackAttempt.create({
      data: { apiAccountId: row.apiAccountId, apiCode: row.apiCode, url, actorId: null, createdAt: at, status, latencyMs, responseSnippet: snippet, error, customsCallbackId: row.id, attemptNumber },
    }),
    db().customsCallback.update({
      where: { id: row.id },
      data: {
        attempts: attemptNumber,
        lastStatus: status,
        lastError: error,
        claimedUntil: null,
        status: outcome === "sent" ? "SENT" : outcome === "failed" ? "FAILED" : "PENDING",
        sentAt: success ? at : null,
        ...(delay !== null ? { nextAttemptAt: new Date(at.getTime() + delay) } : {}),
      },
    }),
  ]);
  return outcome;
}

/** Delivers the due callbacks (or only `ids`), each claimed first. */
export async function deliverCustomsCallbacks(options: { ids?: string[]; deps?: CustomsRelayDeps } = {}): Promise<CustomsRelayReport> {
  const at = now();
  const due = await db().customsCallback.findMany({
    where: {
      status: "PENDING",
      nextAttemptAt: { lte: at },
      OR: [{ claimedUntil: null }, { claimedUntil: { lt: at } }],
      ...(options.ids ? { id: { in: options.ids } } : {}),
    },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: CUSTOMS_CALLBACK_ROW,
  });
  const report: CustomsRelayReport = { sent: 0, retried: 0, failed: 0 };
  for (const row of due) {
    const claim = await db().customsCallback.updateMany({
      where: { id: row.id, status: "PENDING", attempts: row.attempts, OR: [{ claimedUntil: null }, { claimedUntil: { lt: at } }] },
      data: { claimedUntil: new Date(at.getTime() + CLAIM_MS) },
    });
    if (claim.count === 0) continue; // another sender has it
    try {
      report[await deliverOne(row, options.deps ?? {})] += 1;
    } catch (caught) {
      log.error("customs_callback_error", { id: row.id, error: caught instanceof Error ? caught.message : "inconnue" });
    }
  }
  return report;
}

/**
 * A row its creator claimed in the transaction that created it (`claimedUntil` set there, as the
 * declaration is acknowledged): delivered without being looked up and claimed again. If this
 * process stops first, the claim expires and the sweep delivers it.
 */
export async function deliverOwnClaim(row: CustomsCallbackRow, deps: CustomsRelayDeps = {}): Promise<CustomsRelayReport> {
  const report: CustomsRelayReport = { sent: 0, retried: 0, failed: 0 };
  try {
    report[await deliverOne(row, deps)] += 1;
  } catch (caught) {
    log.error("customs_callback_error", { id: row.id, error: caught instanceof Error ? caught.message : "inconnue" });
  }
  return report;
}

/**
 * « Renvoyer »: the callback goes back to the queue, due now, for a new series of attempts —
 * a failed one, one waiting for its next retry, or one already accepted that the operator wants
 * again. Not while a sender holds it (it is being delivered).
 */
export async function requeueCustomsCallback(id: string): Promise<boolean> {
  const at = now();
  const { count } = await db().customsCallback.updateMany({
    where: { id, OR: [{ claimedUntil: null }, { claimedUntil: { lt: at } }] },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: at, claimedUntil: null, sentAt: null },
  });
  return count === 1;
}

/**
 * « Renvoyer » a callback, for the SIRET's correspondents and the customs agents (the same
 * people who send test callbacks: lib/authorization); delivered at once, retried by the sweep.
 */
export async function resendCustomsCallback(actor: Actor, callbackId: unknown, deps: CustomsRelayDeps = {}): Promise<ActionResult<{ status: string }>> {
  if (!canSendTestCallbacks(actor)) return fail("Seuls les correspondants entreprise du SIRET et le service de certification de la douane renvoient un appel retour.");
  const id = typeof callbackId === "string" && callbackId.length <= 64 ? callbackId : "";
  const row = await db().customsCallback.findFirst({ where: { id, apiAccount: callbackAccountsWhere(actor) }, select: { id: true, apiAccountId: true, status: true } });
  if (!row) return fail("Cet appel retour est introuvable.");
  if (!(await requeueCustomsCallback(row.id))) return fail("Cet appel retour est en cours d'envoi : patientez quelques secondes.");
  await recordAudit({ actor, action: "CUSTOMS_CALLBACK_RESENT", apiAccountId: row.apiAccountId, details: { callbackId: row.id } });
  await deliverCustomsCallbacks({ ids: [row.id], deps });
  const after = await db().customsCallback.findUniqueOrThrow({ where: { id: row.id }, select: { status: true, lastStatus: true } });
  const message =
    after.status === "SENT"
      ? `Appel retour renvoyé et accepté (HTTP ${after.lastStatus}).`
      : after.status === "PENDING"
        ? "Appel retour renvoyé : le système de l'opérateur ne l'a pas encore accepté, la douane réessaiera."
        : "Appel retour renvoyé, de nouveau refusé par le système de l'opérateur.";
  return { ok: true, message, data: { status: after.status } };
}
