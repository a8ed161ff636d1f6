/**
 * "Envoyer un appel retour de test": customs' side of a callback, on demand. Checks, in order:
 * the policy (correspondents of the SIRET, customs agents), the account in the actor's reach,
 * the API and an active habilitation, the url in force now (lib/habilitations/activation.ts —
 * a change not yet effective is explained with its time), the stored token, 10 sends per user
 * per minute; then one POST (./deliver.ts) and, in one transaction, the history row
 * (CallbackAttempt, never the token) and the audit event. A call made — whatever the operator's
 * system answered, or the outbound policy refusing its address — is `ok: true` with the outcome;
 * `ok: false` means nothing was sent and nothing was written. No Next.js imports.
 */
import { randomBytes } from "node:crypto";
import { db } from "../db";
import { now, nowMs } from "../clock";
import { recordAudit } from "../audit/audit";
import { decryptSecret } from "../crypto/secrets";
import { formatDateTime } from "../format";
import { callbackAccountsWhere, canSendTestCallbacks, type Actor } from "../authorization";
import { fail, type ActionResult } from "../action-result";
import { activeUrlFor } from "../habilitations/activation";
import { urlAt } from "../habilitations/url-change";
import { loopbackAllowed, type OutboundOptions } from "../net/outbound";
import { policyFetch, type FetchLike } from "../net/outbound-fetch";
import { takeQuota } from "../rate-limit/store";
import { CALLBACK_TIMEOUT_MS, deliverCallback, type CallbackOutcome } from "./deliver";
import { callbackPath, callbackUrl, makeReference, sampleFor } from "./messages";
import { isOwnDemoReceiver } from "./receiver";
import { MAX_SENDS_PER_MINUTE } from "./limits";

export const CALLBACK_MESSAGES = {
  forbidden: "Seuls les correspondants entreprise du SIRET et le service de certification de la douane envoient des appels retours de test.",
  notFound: "Ce compte API est introuvable.",
  unknownApi: "Cette API n'existe pas dans le catalogue.",
  noToken: (api: string) =>
    `Aucun token n'est enregistré pour ${api} : la douane ne peut pas s'authentifier auprès du système de l'opérateur. Le correspondant doit le saisir (« Modifier »).`,
  unreadableToken: (api: string) =>
    `Le token ${api} enregistré ne peut pas être déchiffré (la clé de chiffrement a changé ?) : le correspondant doit le saisir de nouveau.`,
  tokenNotHeaderSafe: (api: string) =>
    `Le token ${api} enregistré contient des caractères impossibles dans un en-tête HTTP (espace, accent, caractère de contrôle) : la douane ne pourrait pas le présenter. Le correspondant doit en saisir un autre.`,
  tooMany: (seconds: number) => `Trop d'appels retours de test en peu de temps : patientez ${seconds} s avant de recommencer.`,
} as const;

export { MAX_SENDS_PER_MINUTE };
/** Counts every send of a user (in the database: every instance); the 11th within a minute is refused until a minute after the 10th. */
export const SEND_QUOTA = { maxFailures: MAX_SENDS_PER_MINUTE, windowMs: 60_000, blockMs: 60_000 } as const;

/** Tests only: a shorter timeout, simulated DNS, another transport. */
export type CallbackDeps = { timeoutMs?: number; resolve?: OutboundOptions["resolve"]; fetch?: FetchLike };

export type SentCallback = {
  attemptId: string;
  outcome: CallbackOutcome;
  success: boolean;
  url: string;
  status: number | null;
  latencyMs: number;
};

/** Visible ASCII only: what an `Authorization: Bearer` header can carry as is. */
export const HEADER_SAFE = /^[\x21-\x7E]+$/;

const idOf = (value: unknown) => (typeof value === "string" && value.length <= 64 ? value : "");

export async function sendTestCallback(actor: Actor, accountId: unknown, apiCode: unknown, deps: CallbackDeps = {}): Promise<ActionResult<SentCallback>> {
  if (!canSendTestCallbacks(actor)) return fail(CALLBACK_MESSAGES.forbidden);
  const account = await db().apiAccount.findFirst({
    where: { AND: [{ id: idOf(accountId) }, callbackAccountsWhere(actor)] },
    select: { id: true, identifiant: true, establishment: { select: { siret: true } } },
  });
  if (!account) return fail(CALLBACK_MESSAGES.notFound);
  const api = await db().api.findUnique({ where: { code: idOf(apiCode) }, select: { id: true, code: true, name: true } });
  if (!api) return fail(CALLBACK_MESSAGES.unknownApi);
  const habilitation = await db().habilitation.findFirst({ where: { apiAccountId: account.id, apiId: api.id, revokedAt: null }, select: { id: true } });
  if (!habilitation) {
    return fail(`Le compte « ${account.identifiant} » n'est pas habilité sur ${api.name} : la douane ne lui envoie pas d'appels retours pour cette API.`);
  }

  const activeUrl = await activeUrlFor(account.id, api.code);
  if (!activeUrl) return fail(await noActiveUrlMessage(account.id, api));

  const tokenRow = await db().apiFieldValue.findUnique({
    where: { apiAccountId_apiId_fieldKey: { apiAccountId: account.id, apiId: api.id, fieldKey: "token" } },
    select: { secretCipher: true },
  });
  if (!tokenRow?.secretCipher) return fail(CALLBACK_MESSAGES.noToken(api.name));
  let token: string;
  try {
    token = decryptSecret(tokenRow.secretCipher);
  } catch {
    return fail(CALLBACK_MESSAGES.unreadableToken(api.name));
  }
  if (!HEADER_SAFE.test(token)) return fail(CALLBACK_MESSAGES.tokenNotHeaderSafe(api.name));

  const at = now();
  const sample = sampleFor(api.code);
  const reference = makeReference(at, sample.referenceRandomLength, randomBytes(sample.referenceRandomLength));
  let url: string;
  try {
    url = callbackUrl(activeUrl, callbackPath(sample, reference));
  } catch {
    return fail(`L'url active ${api.name} n'est pas une URL valide : le correspondant doit la corriger (« Modifier »).`);
  }

  // Checked and counted in one statement: concurrent sends cannot slip past the limit.
  const quota = await takeQuota(`callback-send:${actor.id}`, SEND_QUOTA, nowMs());
  if (!quota.allowed) return fail(CALLBACK_MESSAGES.tooMany(quota.retryAfterSeconds));
  // Loopback: only when the deployment allows it, or for the console's own demo receiver.
  const options: OutboundOptions = { allowLoopback: loopbackAllowed() || isOwnDemoReceiver(url), resolve: deps.resolve };
  const delivery = await deliverCallback({
    url,
    token,
    body: sample.body({ reference, at, identifiant: account.identifiant, apiCode: api.code }),
    timeoutMs: deps.timeoutMs ?? CALLBACK_TIMEOUT_MS,
    fetch: policyFetch(options, deps.fetch),
  });

  const success = delivery.outcome === "success";
  const attempt = await db().$transaction(async (tx) => {
    const created = await tx.callbackAttempt.create({
      data: {
        apiAccountId: account.id,
        apiCode: api.code,
        url,
        actorId: actor.id,
        createdAt: at,
        status: delivery.status,
        latencyMs: delivery.latencyMs,
        responseSnippet: delivery.snippet,
        error: success ? null : delivery.message,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        actor,
        action: "CALLBACK_TEST_SENT",
        apiAccountId: account.id,
        siret: account.establishment.siret,
        details: {
          api: api.name,
          url,
          outcome: delivery.outcome,
          ...(delivery.status !== null ? { httpStatus: delivery.status } : {}),
          latencyMs: delivery.latencyMs,
        },
      },
      tx,
    );
    return created;
  });

  return {
    ok: true,
    message: success ? `Appel retour de test ${api.name} envoyé. ${delivery.message}` : delivery.message,
    data: { attemptId: attempt.id, outcome: delivery.outcome, success, url, status: delivery.status, latencyMs: delivery.latencyMs },
  };
}

/** Why there is no url in force: none entered, or a change not yet effective (with when). */
async function noActiveUrlMessage(accountId: string, api: { id: string; name: string }): Promise<string> {
  const row = await db().apiFieldValue.findUnique({
    where: { apiAccountId_apiId_fieldKey: { apiAccountId: accountId, apiId: api.id, fieldKey: "url" } },
    select: { value: true, pendingValue: true, pendingRequestedAt: true, pendingEffectiveAt: true },
  });
  const view = row ? urlAt(row, now()) : null;
  if (view?.pending) {
    return (
      `Aucune url active pour ${api.name} : la nouvelle adresse ${view.pending.value} n'est pas encore effective ; elle le sera au plus tard le ` +
      `${formatDateTime(view.pending.effectiveAt)} (heure de Paris). L'appel retour de test sera possible à partir de ce moment.`
    );
  }
  return `Aucune url n'est renseignée pour ${api.name} : le correspondant doit d'abord la saisir (« Modifier »), puis attendre qu'elle prenne effet.`;
}
