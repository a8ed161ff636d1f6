/**
 * Reads of the test callbacks area, scoped like the account (lib/authorization): the callbacks
 * sent (CallbackAttempt) and those the demo receiver got (ReceivedCallback), with what each
 * granted API would be called on now. Never a token.
 */
import { db } from "../db";
import { now } from "../clock";
import { formatDateTime, formatDateTimeSeconds } from "../format";
import { callbackAccountsWhere, canSendTestCallbacks, findReadableAccountId, type Actor } from "../authorization";
import { urlAt } from "../habilitations/url-change";
import { sampleFor } from "./messages";
import { demoReceiverEnabled, demoReceiverUrl } from "./receiver";

export const HISTORY_SIZE = 20;

const CUSTOMS_CALLBACK_KINDS: Record<string, string> = {
  RESPONSE: "Response_H7 (réponse à la déclaration)",
  ERROR: "Error_H7 (erreur fonctionnelle)",
  REGISTRATION: "Enregistrement de la demande d'invalidation",
  INVALIDATION: "Response_H7 (déclaration invalidée)",
};

export async function getCallbacksView(actor: Actor, accountId: string) {
  const id = await findReadableAccountId(actor, accountId);
  const canSend = canSendTestCallbacks(actor) && (await db().apiAccount.count({ where: { AND: [{ id }, callbackAccountsWhere(actor)] } })) > 0;
  const at = now();
  const [habilitations, attempts, received, apis] = await Promise.all([
    db().habilitation.findMany({
      where: { apiAccountId: id, revokedAt: null },
      include: { api: { select: { id: true, code: true, name: true, pathPrefix: true, position: true } } },
      orderBy: { api: { position: "asc" } },
    }),
    db().callbackAttempt.findMany({ where: { apiAccountId: id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: HISTORY_SIZE }),
    db().receivedCallback.findMany({ where: { apiAccountId: id }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], take: HISTORY_SIZE }),
    db().api.findMany({ select: { code: true, name: true } }),
  ]);
  const customsCallbacks = await db().customsCallback.findMany({
    where: { apiAccountId: id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: HISTORY_SIZE,
    select: { id: true, apiCode: true, kind: true, path: true, status: true, attempts: true, nextAttemptAt: true, lastStatus: true, lastError: true, createdAt: true, sentAt: true },
  });
  const values = await db().apiFieldValue.findMany({
    where: { apiAccountId: id, fieldKey: { in: ["url", "token"] } },
    select: { apiId: true, fieldKey: true, value: true, pendingValue: true, pendingRequestedAt: true, pendingEffectiveAt: true, secretCipher: true },
  });
  const actorIds = [...new Set(attempts.map((a) => a.actorId).filter((a): a is string => Boolean(a)))];
  const actors = new Map((await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  const apiName = (code: string | null) => (code ? (apis.find((a) => a.code === code)?.name ?? code) : "—");
  const receiverOn = demoReceiverEnabled();

  return {
    accountId: id,
    canSend,
    receiverEnabled: receiverOn,
    targets: habilitations.map((h) => {
      const url = values.find((v) => v.apiId === h.apiId && v.fieldKey === "url");
      const view = url ? urlAt(url, at) : null;
      const sample = sampleFor(h.api.code);
      return {
        apiCode: h.api.code,
        apiName: h.api.name,
        activeUrl: view?.active ?? null,
        pending: view?.pending ? { value: view.pending.value, effectiveAtLabel: formatDateTime(view.pending.effectiveAt) } : null,
        tokenStored: Boolean(values.find((v) => v.apiId === h.apiId && v.fieldKey === "token")?.secretCipher),
        pathTemplate: sample.pathTemplate,
        summary: sample.summary,
        demoReceiverUrl: receiverOn ? demoReceiverUrl(id, h.api.pathPrefix) : null,
      };
    }),
    attempts: attempts.map((a) => ({
      id: a.id,
      createdAtIso: a.createdAt.toISOString(),
      createdAtLabel: formatDateTimeSeconds(a.createdAt),
      apiName: apiName(a.apiCode),
      url: a.url,
      status: a.status,
      latencyMs: a.latencyMs,
      success: a.error === null && a.status !== null && a.status >= 200 && a.status < 300,
      error: a.error,
      responseSnippet: a.responseSnippet,
      // A customs callback (lib/dh7/relay.ts) is sent by the service itself, attempt by attempt.
      sentBy: a.customsCallbackId ? `la douane (envoi automatique, tentative ${a.attemptNumber ?? 1})` : a.actorId ? (actors.get(a.actorId) ?? null) : null,
    })),
    customsCallbacks: customsCallbacks.map((c) => ({
      id: c.id,
      createdAtIso: c.createdAt.toISOString(),
      createdAtLabel: formatDateTimeSeconds(c.createdAt),
      apiName: apiName(c.apiCode),
      kindLabel: CUSTOMS_CALLBACK_KINDS[c.kind] ?? c.kind,
      path: c.path,
      status: c.status as "PENDING" | "SENT" | "FAILED",
      attempts: c.attempts,
      nextAttemptLabel: c.status === "PENDING" ? formatDateTimeSeconds(c.nextAttemptAt) : null,
      lastStatus: c.lastStatus,
      lastError: c.lastError,
    })),
    received: received.map((r) => ({
      id: r.id,
      receivedAtIso: r.receivedAt.toISOString(),
      receivedAtLabel: formatDateTimeSeconds(r.receivedAt),
      apiName: apiName(r.apiCode),
      path: r.path,
      tokenValid: r.tokenValid,
      bodySnippet: r.bodySnippet,
    })),
  };
}

export type CallbacksView = Awaited<ReturnType<typeof getCallbacksView>>;
export type CallbackTarget = CallbacksView["targets"][number];
export type AttemptRow = CallbacksView["attempts"][number];
export type ReceivedRow = CallbacksView["received"][number];
export type CustomsCallbackRow = CallbacksView["customsCallbacks"][number];
