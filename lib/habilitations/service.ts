/**
 * Writes of the habilitations area: requests (correspondents), decisions and revocations
 * (customs), per-API data with delayed url activation (correspondents). Every function takes
 * the acting user, checks the policy, re-validates with the shared zod schema, enforces the
 * rules in one transaction with its audit events and outbox messages, refreshes the account's
 * status, then delivers the messages. No Next.js imports (integration tests call these).
 */
import { db, type Tx } from "../db";
import { now } from "../clock";
import { recordAudit } from "../audit/audit";
import { decryptSecret, encryptSecret } from "../crypto/secrets";
import { checkUrlSyntax } from "../net/outbound";
import { formatDateTime } from "../format";
import {
  NotFoundError,
  canDecideHabilitations,
  canEditApiData,
  canRequestHabilitations,
  canRevealSecrets,
  findManagedAccountId,
  managedEstablishmentsWhere,
  type Actor,
} from "../authorization";
import { fail, INVALID_FORM_MESSAGE, zodFieldErrors, type ActionResult, type FieldErrors } from "../action-result";
import { accountContext, enqueueNotification } from "../notifications/outbox";
import { requestDelivery } from "../notifications/relay";
import { refreshAccountStatus } from "./account-status";
import { announceUrlActivations } from "./activation";
import { apiDataSchema, type FieldDef } from "./fields";
import { REQUEST_STATUS_LABELS, canWithdrawRequest, requestStatusFromItems } from "./request-state";
import { decisionsSchema, habilitationRequestSchema, revokeSchema } from "./schema";
import { cancelPending, planUrlChange, type UrlState } from "./url-change";

export const MESSAGES = {
  forbiddenRequest: "Seul un correspondant entreprise du SIRET du compte peut demander ou retirer une habilitation.",
  forbiddenDesk: "Seul le service de certification de la douane peut accorder, refuser ou révoquer une habilitation.",
  forbiddenData:
    "Seuls les correspondants entreprise du SIRET peuvent modifier les données d'une API : la douane les consulte sans pouvoir les changer.",
  forbiddenReveal: "Seuls les correspondants entreprise du SIRET peuvent afficher un token.",
  notFound: "Ce compte API est introuvable.",
  requestNotFound: "Cette demande d'habilitation est introuvable.",
  habilitationNotFound: "Cette habilitation est introuvable.",
  unknownApi: "Cette API n'existe pas dans le catalogue.",
  notWithdrawable: "Cette demande n'est plus en attente : elle ne peut plus être retirée.",
  alreadyDecided: "Une de ces API a déjà reçu une décision (peut-être d'un autre agent) : rechargez la page. Rien n'a été enregistré.",
  unknownItem: "Cette API ne fait pas partie de la demande.",
  notHabilitated: "Le compte n'est pas habilité sur cette API.",
  alreadyRevoked: "Cette habilitation est déjà révoquée.",
  noPendingUrl: "Aucun changement d'url n'est en attente (il a peut-être déjà pris effet).",
  noSecret: "Aucun token n'est enregistré pour cette API.",
  unreadableSecret: "Le token enregistré ne peut pas être déchiffré (la clé de chiffrement a changé ?). Saisissez-le de nouveau.",
  unknownField: "Ce champ n'existe pas pour cette API.",
} as const;

/** A rule broken inside a transaction: rolls it back and becomes the action's answer. */
class Refusal extends Error {
  constructor(readonly result: { ok: false; message: string; errors?: FieldErrors }) {
    super(result.message);
  }
}

async function transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T | Refusal> {
  try {
    return await db().$transaction(work);
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
}

async function managedAccountId(actor: Actor, accountId: string): Promise<string | null> {
  try {
    return await findManagedAccountId(actor, idOf(accountId));
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

const list = (names: readonly string[]) => names.join(", ");

/** Ids and codes come from the browser: anything but a reasonable string matches nothing. */
export function idOf(value: unknown): string {
  return typeof value === "string" && value.length <= 64 ? value : "";
}

// ---------------------------------------------------------------------------
// Requests (correspondents)
// ---------------------------------------------------------------------------

export async function submitHabilitationRequest(actor: Actor, accountId: string, raw: unknown): Promise<ActionResult<{ id: string }>> {
  if (!canRequestHabilitations(actor)) return fail(MESSAGES.forbiddenRequest);
  const id = await managedAccountId(actor, accountId);
  if (!id) return fail(MESSAGES.notFound);
  const parsed = habilitationRequestSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const { apiCodes, message } = parsed.data;
  const apis = await db().api.findMany({ where: { code: { in: apiCodes } }, orderBy: { position: "asc" } });
  if (apis.length !== apiCodes.length) return fail(MESSAGES.unknownApi, { apiCodes: [MESSAGES.unknownApi] });
  const apiIds = apis.map((a) => a.id);

  const at = now();
  const outcome = await transaction(async (tx) => {
    const granted = await tx.habilitation.findMany({ where: { apiAccountId: id, apiId: { in: apiIds }, revokedAt: null }, include: { api: true } });
    if (granted.length > 0) {
      const m = `Le compte est déjà habilité sur : ${list(granted.map((g) => g.api.name))}.`;
      throw new Refusal(fail(m, { apiCodes: [m] }));
    }
    const pending = await tx.habilitationRequestItem.findMany({
      where: { apiId: { in: apiIds }, decision: "PENDING", request: { apiAccountId: id, status: "SUBMITTED" } },
      include: { api: true },
    });
    if (pending.length > 0) {
      const m = `Une demande est déjà en attente pour : ${list(pending.map((p) => p.api.name))}.`;
      throw new Refusal(fail(m, { apiCodes: [m] }));
    }
    const context = await accountContext(tx, id);
    const request = await tx.habilitationRequest.create({
      data: {
        apiAccountId: id,
        siret: context.ref.siret,
        identifiant: context.ref.identifiant,
        authorId: actor.id,
        message: message || null,
        createdAt: at,
        items: { create: apis.map((a) => ({ apiId: a.id })) },
      },
      select: { id: true },
    });
    await recordAudit(
      { actor, action: "REQUEST_SUBMITTED", apiAccountId: id, siret: context.ref.siret, details: { apis: apis.map((a) => a.name) } },
      tx,
    );
    const messageId = await enqueueNotification(tx, context, {
      kind: "REQUEST_SUBMITTED",
      account: context.ref,
      apis: apis.map((a) => a.name),
      message: message || null,
      author: actor.name,
      at,
    });
    return { requestId: request.id, messageId };
  });
  if (outcome instanceof Refusal) return outcome.result;
  requestDelivery();
  return {
    ok: true,
    message: `Demande d'habilitation envoyée à la douane pour : ${list(apis.map((a) => a.name))}.`,
    data: { id: outcome.requestId },
  };
}

export async function withdrawHabilitationRequest(actor: Actor, requestId: string): Promise<ActionResult> {
  if (!canRequestHabilitations(actor)) return fail(MESSAGES.forbiddenRequest);
  const request = await db().habilitationRequest.findFirst({
    where: { id: idOf(requestId), apiAccount: { establishment: managedEstablishmentsWhere(actor) } },
    select: { id: true, apiAccountId: true, siret: true },
  });
  if (!request) return fail(MESSAGES.requestNotFound);
  const at = now();
  const outcome = await transaction(async (tx) => {
    const current = await tx.habilitationRequest.findUniqueOrThrow({ where: { id: request.id }, include: { items: { include: { api: true } } } });
    if (!canWithdrawRequest(current.status)) throw new Refusal(fail(MESSAGES.notWithdrawable));
    const withdrawn = current.items.filter((i) => i.decision === "PENDING");
    await tx.habilitationRequestItem.updateMany({ where: { requestId: request.id, decision: "PENDING" }, data: { decision: "WITHDRAWN", decidedAt: at } });
    const status = requestStatusFromItems(current.items.map((i) => (i.decision === "PENDING" ? "WITHDRAWN" : i.decision)));
    await tx.habilitationRequest.update({ where: { id: request.id }, data: { status, withdrawnAt: at } });
    await recordAudit(
      { actor, action: "REQUEST_WITHDRAWN", apiAccountId: request.apiAccountId, siret: request.siret, details: { apis: withdrawn.map((i) => i.api.name) } },
      tx,
    );
    return withdrawn.map((i) => i.api.name);
  });
  if (outcome instanceof Refusal) return outcome.result;
  return { ok: true, message: `Demande retirée (${list(outcome)}).`, data: undefined };
}

// ---------------------------------------------------------------------------
// Decisions and revocations (customs)
// ---------------------------------------------------------------------------

export async function decideHabilitationRequest(actor: Actor, requestId: string, raw: unknown): Promise<ActionResult<{ status: string }>> {
  if (!canDecideHabilitations(actor)) return fail(MESSAGES.forbiddenDesk);
  const parsed = decisionsSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const decisions = parsed.data.items.flatMap((i) => (i.decision === "LATER" ? [] : [{ ...i, decision: i.decision }]));
  const at = now();
  const outcome = await transaction(async (tx) => {
    const request = await tx.habilitationRequest.findUnique({ where: { id: idOf(requestId) }, include: { items: { include: { api: true } } } });
    if (!request) throw new Refusal(fail(MESSAGES.requestNotFound));
    const byId = new Map(request.items.map((i) => [i.id, i]));
    const lines: { api: string; decision: "APPROVED" | "REFUSED"; reason: string | null }[] = [];
    for (const d of decisions) {
      const item = byId.get(d.itemId);
      if (!item) throw new Refusal(fail(MESSAGES.unknownItem));
      const reason = d.decision === "REFUSED" ? (d.reason ?? "") : null;
      const updated = await tx.habilitationRequestItem.updateMany({
        where: { id: item.id, decision: "PENDING" },
        data: { decision: d.decision, reason, decidedAt: at, decidedById: actor.id },
      });
      if (updated.count !== 1) throw new Refusal(fail(MESSAGES.alreadyDecided));
      item.decision = d.decision;
      if (d.decision === "APPROVED") {
        await tx.habilitation.upsert({
          where: { apiAccountId_apiId: { apiAccountId: request.apiAccountId, apiId: item.apiId } },
          create: { apiAccountId: request.apiAccountId, apiId: item.apiId, grantedAt: at, grantedById: actor.id },
          update: { grantedAt: at, grantedById: actor.id, revokedAt: null, revokedById: null, revokedReason: null },
        });
      }
      await recordAudit(
        {
          actor,
          action: d.decision === "APPROVED" ? "HABILITATION_APPROVED" : "HABILITATION_REFUSED",
          apiAccountId: request.apiAccountId,
          siret: request.siret,
          details: reason ? { api: item.api.name, reason } : { api: item.api.name },
        },
        tx,
      );
      lines.push({ api: item.api.name, decision: d.decision, reason });
    }
    const status = requestStatusFromItems(request.items.map((i) => i.decision));
    await tx.habilitationRequest.update({ where: { id: request.id }, data: { status, decidedAt: status === "SUBMITTED" ? null : at } });
    await refreshAccountStatus(tx, request.apiAccountId);
    const context = await accountContext(tx, request.apiAccountId);
    const messageId = await enqueueNotification(tx, context, {
      kind: "REQUEST_DECIDED",
      account: context.ref,
      decisions: lines,
      stillPending: request.items.filter((i) => i.decision === "PENDING").map((i) => i.api.name),
      outcome: REQUEST_STATUS_LABELS[status],
      at,
    });
    return { status, lines, messageId };
  });
  if (outcome instanceof Refusal) return outcome.result;
  requestDelivery();
  const summary = outcome.lines.map((l) => `${l.api} ${l.decision === "APPROVED" ? "accordée" : "refusée"}`).join(", ");
  return { ok: true, message: `Décision enregistrée et notifiée : ${summary}.`, data: { status: outcome.status } };
}

export async function revokeHabilitation(actor: Actor, habilitationId: string, raw: unknown): Promise<ActionResult> {
  if (!canDecideHabilitations(actor)) return fail(MESSAGES.forbiddenDesk);
  const parsed = revokeSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const { reason } = parsed.data;
  const at = now();
  const outcome = await transaction(async (tx) => {
    const habilitation = await tx.habilitation.findUnique({ where: { id: idOf(habilitationId) }, include: { api: true } });
    if (!habilitation) throw new Refusal(fail(MESSAGES.habilitationNotFound));
    const updated = await tx.habilitation.updateMany({
      where: { id: habilitation.id, revokedAt: null },
      data: { revokedAt: at, revokedById: actor.id, revokedReason: reason },
    });
    if (updated.count !== 1) throw new Refusal(fail(MESSAGES.alreadyRevoked));
    const context = await accountContext(tx, habilitation.apiAccountId);
    await recordAudit(
      { actor, action: "HABILITATION_REVOKED", apiAccountId: habilitation.apiAccountId, siret: context.ref.siret, details: { api: habilitation.api.name, reason } },
      tx,
    );
    await refreshAccountStatus(tx, habilitation.apiAccountId);
    const messageId = await enqueueNotification(tx, context, {
      kind: "HABILITATION_REVOKED",
      account: context.ref,
      api: habilitation.api.name,
      reason,
      at,
    });
    return { messageId, api: habilitation.api.name, identifiant: context.ref.identifiant };
  });
  if (outcome instanceof Refusal) return outcome.result;
  requestDelivery();
  return { ok: true, message: `L'habilitation ${outcome.api} du compte « ${outcome.identifiant} » est révoquée.`, data: undefined };
}

// ---------------------------------------------------------------------------
// Per-API data (correspondents)
// ---------------------------------------------------------------------------

type ApiWithFields = { id: string; code: string; name: string; contactEmail: string; urlDelaySeconds: number; fields: (FieldDef & { id: string })[] };

/** The account (managed by the actor) and one API it is habilitated on, or the refusal. */
async function editableApi(actor: Actor, accountId: string, apiCode: string): Promise<{ accountId: string; api: ApiWithFields } | { ok: false; message: string }> {
  const id = await managedAccountId(actor, accountId);
  if (!id) return fail(MESSAGES.notFound);
  const api = await db().api.findUnique({ where: { code: idOf(apiCode) }, include: { fields: { orderBy: [{ position: "asc" }, { key: "asc" }] } } });
  if (!api) return fail(MESSAGES.unknownApi);
  const active = await db().habilitation.findFirst({ where: { apiAccountId: id, apiId: api.id, revokedAt: null }, select: { id: true } });
  if (!active) return fail(MESSAGES.notHabilitated);
  return { accountId: id, api };
}

function urlState(row: { value: string | null; pendingValue: string | null; pendingRequestedAt: Date | null; pendingEffectiveAt: Date | null } | undefined): UrlState {
  return {
    value: row?.value ?? null,
    pendingValue: row?.pendingValue ?? null,
    pendingRequestedAt: row?.pendingRequestedAt ?? null,
    pendingEffectiveAt: row?.pendingEffectiveAt ?? null,
  };
}

export type SaveApiDataResult = ActionResult<{ scheduled: { field: string; effectiveAt: string }[] }>;

export async function saveApiData(actor: Actor, accountId: string, apiCode: string, raw: unknown): Promise<SaveApiDataResult> {
  if (!canEditApiData(actor)) return fail(MESSAGES.forbiddenData);
  const target = await editableApi(actor, accountId, apiCode);
  if ("ok" in target) return target;
  const { api } = target;
  const id = target.accountId;

  // A change that has taken effect gets its notice before a new change folds it.
  await announceUrlActivations([id]);
  const rows = await db().apiFieldValue.findMany({ where: { apiAccountId: id, apiId: api.id } });
  const rowOf = (key: string) => rows.find((r) => r.fieldKey === key);
  const present: Record<string, boolean> = {};
  for (const f of api.fields) {
    const r = rowOf(f.key);
    present[f.key] = Boolean(r && (r.value || r.secretCipher || r.pendingValue));
  }
  const parsed = apiDataSchema(api.fields, present).safeParse(raw && typeof raw === "object" ? raw : {});
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const values = parsed.data as Record<string, string>;

  // The outbound policy has the last word on addresses (private ranges, IP literals…).
  const urlErrors: FieldErrors = {};
  for (const f of api.fields) {
    const v = values[f.key];
    if (f.kind !== "URL" || !v) continue;
    const verdict = checkUrlSyntax(v, { allowLoopback: true });
    if (!verdict.ok) urlErrors[f.key] = [verdict.reason];
  }
  if (Object.keys(urlErrors).length > 0) return fail(INVALID_FORM_MESSAGE, urlErrors);

  const at = now();
  const outcome = await transaction(async (tx) => {
    const context = await accountContext(tx, id);
    const changed: string[] = [];
    const cancelled: string[] = [];
    const scheduled: { field: string; effectiveAt: Date }[] = [];
    const messageIds: string[] = [];
    const where = (key: string) => ({ apiAccountId_apiId_fieldKey: { apiAccountId: id, apiId: api.id, fieldKey: key } });
    for (const field of api.fields) {
      const value = values[field.key] ?? "";
      const row = await tx.apiFieldValue.findUnique({ where: where(field.key) });
      if (field.kind === "URL") {
        if (!value) continue;
        const plan = planUrlChange(urlState(row ?? undefined), value, at, api.urlDelaySeconds);
        if (plan.kind === "unchanged") continue;
        const data = { ...plan.state, effectiveNotifiedAt: null, updatedById: actor.id };
        await tx.apiFieldValue.upsert({ where: where(field.key), create: { apiAccountId: id, apiId: api.id, fieldKey: field.key, ...data }, update: data });
        if (plan.kind === "cancelled") {
          await recordAudit(
            { actor, action: "URL_CHANGE_CANCELLED", apiAccountId: id, siret: context.ref.siret, details: { api: api.name, field: field.label, cancelledUrl: plan.cancelled } },
            tx,
          );
          cancelled.push(field.label);
          continue;
        }
        scheduled.push({ field: field.label, effectiveAt: plan.effectiveAt });
        await recordAudit(
          {
            actor,
            action: "URL_CHANGE_SCHEDULED",
            apiAccountId: id,
            siret: context.ref.siret,
            details: { api: api.name, field: field.label, url: value, effectiveAt: plan.effectiveAt.toISOString(), ...(plan.replaced ? { replacedUrl: plan.replaced } : {}) },
          },
          tx,
        );
        messageIds.push(
          await enqueueNotification(tx, context, {
            kind: "URL_CHANGE_SCHEDULED",
            account: context.ref,
            api: api.name,
            field: field.label,
            active: plan.state.value,
            pending: value,
            effectiveAt: plan.effectiveAt,
            contactEmail: api.contactEmail,
          }),
        );
      } else if (field.kind === "SECRET") {
        if (!value) continue;
        if (row?.secretCipher && safeDecrypt(row.secretCipher) === value) continue;
        const data = { secretCipher: encryptSecret(value), value: null, updatedById: actor.id };
        await tx.apiFieldValue.upsert({ where: where(field.key), create: { apiAccountId: id, apiId: api.id, fieldKey: field.key, ...data }, update: data });
        changed.push(field.label);
      } else {
        const next = value || null;
        if ((row?.value ?? null) === next) continue;
        const data = { value: next, updatedById: actor.id };
        await tx.apiFieldValue.upsert({ where: where(field.key), create: { apiAccountId: id, apiId: api.id, fieldKey: field.key, ...data }, update: data });
        changed.push(field.label);
      }
    }
    if (changed.length > 0) {
      await recordAudit({ actor, action: "API_DATA_UPDATED", apiAccountId: id, siret: context.ref.siret, details: { api: api.name, fields: changed } }, tx);
    }
    const status = await refreshAccountStatus(tx, id);
    return { changed, cancelled, scheduled, messageIds, status };
  });
  if (outcome instanceof Refusal) return outcome.result;
  requestDelivery();
  const parts: string[] = [];
  if (outcome.changed.length === 0 && outcome.scheduled.length === 0 && outcome.cancelled.length === 0) {
    return { ok: true, message: `Aucune modification : les données ${api.name} sont déjà celles-ci.`, data: { scheduled: [] } };
  }
  parts.push(`Données ${api.name} enregistrées.`);
  for (const s of outcome.scheduled) parts.push(`Le changement d'${s.field} prendra effet au plus tard le ${formatDateTime(s.effectiveAt)}.`);
  for (const c of outcome.cancelled) parts.push(`Le changement d'${c} en attente est annulé : l'adresse active reste inchangée.`);
  if (outcome.status.level === "green") parts.push("Le compte est complet (statut vert).");
  return {
    ok: true,
    message: parts.join(" "),
    data: { scheduled: outcome.scheduled.map((s) => ({ field: s.field, effectiveAt: s.effectiveAt.toISOString() })) },
  };
}

function safeDecrypt(cipher: string): string | null {
  try {
    return decryptSecret(cipher);
  } catch {
    return null;
  }
}

export async function cancelUrlChange(actor: Actor, accountId: string, apiCode: string, fieldKey: string): Promise<ActionResult> {
  if (!canEditApiData(actor)) return fail(MESSAGES.forbiddenData);
  const target = await editableApi(actor, accountId, apiCode);
  if ("ok" in target) return target;
  const { api } = target;
  const id = target.accountId;
  const field = api.fields.find((f) => f.key === idOf(fieldKey) && f.kind === "URL");
  if (!field) return fail(MESSAGES.unknownField);
  await announceUrlActivations([id]);
  const at = now();
  const outcome = await transaction(async (tx) => {
    const where = { apiAccountId_apiId_fieldKey: { apiAccountId: id, apiId: api.id, fieldKey: field.key } };
    const row = await tx.apiFieldValue.findUnique({ where });
    const plan = cancelPending(urlState(row ?? undefined), at);
    if (plan.kind === "nothing" || !row) throw new Refusal(fail(MESSAGES.noPendingUrl));
    await tx.apiFieldValue.update({ where, data: { ...plan.state, effectiveNotifiedAt: null, updatedById: actor.id } });
    const context = await accountContext(tx, id);
    await recordAudit(
      { actor, action: "URL_CHANGE_CANCELLED", apiAccountId: id, siret: context.ref.siret, details: { api: api.name, field: field.label, cancelledUrl: plan.cancelled } },
      tx,
    );
    return refreshAccountStatus(tx, id);
  });
  if (outcome instanceof Refusal) return outcome.result;
  const tail = outcome.level === "yellow" ? " Aucune url n'étant active, le compte repasse au statut jaune." : "";
  return { ok: true, message: `Le changement d'${field.label} ${api.name} est annulé : l'adresse active reste inchangée.${tail}`, data: undefined };
}

/** The explicit, audited reveal of a stored secret (the only way one leaves the server). */
export async function revealSecret(actor: Actor, accountId: string, apiCode: string, fieldKey: string): Promise<ActionResult<{ value: string }>> {
  if (!canRevealSecrets(actor)) return fail(MESSAGES.forbiddenReveal);
  const target = await editableApi(actor, accountId, apiCode);
  if ("ok" in target) return target;
  const { api } = target;
  const field = api.fields.find((f) => f.key === idOf(fieldKey) && f.kind === "SECRET");
  if (!field) return fail(MESSAGES.unknownField);
  const row = await db().apiFieldValue.findUnique({
    where: { apiAccountId_apiId_fieldKey: { apiAccountId: target.accountId, apiId: api.id, fieldKey: field.key } },
    include: { apiAccount: { select: { establishment: { select: { siret: true } } } } },
  });
  if (!row?.secretCipher) return fail(MESSAGES.noSecret);
  const value = safeDecrypt(row.secretCipher);
  if (value === null) return fail(MESSAGES.unreadableSecret);
  await recordAudit({
    actor,
    action: "SECRET_REVEALED",
    apiAccountId: target.accountId,
    siret: row.apiAccount.establishment.siret,
    details: { api: api.name, field: field.label },
  });
  return { ok: true, data: { value } };
}
