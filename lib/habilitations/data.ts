/** Reads of the habilitations area (account page, customs desk, catalogue), scoped by lib/authorization. */
import { db } from "../db";
import { now, nowMs } from "../clock";
import { formatDateTime } from "../format";
import {
  NotFoundError,
  canEditApiData,
  canEditCatalogue,
  canDecideHabilitations,
  canRequestHabilitations,
  canRevealSecrets,
  canUseCustomsDesk,
  findManagedAccountId,
  findReadableAccountId,
  type Actor,
} from "../authorization";
import type { RequestStatus } from "@/generated/prisma/enums";
import { grantedInclude, statusOf } from "./account-status";
import { urlAt } from "./url-change";
import { REQUEST_STATUS_LABELS, canWithdrawRequest } from "./request-state";
import type { FieldKind } from "./fields";

export type FieldView = {
  key: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  help: string | null;
  /** URL fields: the value customs uses now, and a change not yet effective. */
  url?: {
    active: string | null;
    activeSinceLabel: string | null;
    pending: { value: string; effectiveAtIso: string; effectiveAtLabel: string; requestedAtLabel: string | null } | null;
  };
  /** SECRET fields: whether one is stored (never the value). */
  secretStored?: boolean;
  /** TEXT / EMAIL fields. */
  text?: string | null;
};

const dateLabel = (d: Date | null) => (d ? formatDateTime(d) : null);

/** The "API habilitées" and "Demandes d'habilitation" sections of an account page. */
export async function getHabilitationsView(actor: Actor, accountId: string) {
  const id = await findReadableAccountId(actor, accountId);
  const manages = canEditApiData(actor) && (await findManagedAccountId(actor, id).then(() => true, () => false));
  const at = now();
  const account = await db().apiAccount.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      identifiant: true,
      habilitations: {
        where: { revokedAt: null },
        include: { api: { include: { fields: { orderBy: [{ position: "asc" }, { key: "asc" }] } } } },
        orderBy: { api: { position: "asc" } },
      },
      fieldValues: true,
      habilitationRequests: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 20,
        include: { items: { include: { api: { select: { code: true, name: true, position: true } } } } },
      },
    },
  });

  const apis = account.habilitations.map((h) => {
    const values = account.fieldValues.filter((v) => v.apiId === h.apiId);
    const fields: FieldView[] = h.api.fields.map((f) => {
      const row = values.find((v) => v.fieldKey === f.key);
      const base = { key: f.key, label: f.label, kind: f.kind, required: f.required, help: f.help };
      if (f.kind === "URL") {
        const view = urlAt(
          { value: row?.value ?? null, pendingValue: row?.pendingValue ?? null, pendingRequestedAt: row?.pendingRequestedAt ?? null, pendingEffectiveAt: row?.pendingEffectiveAt ?? null },
          at,
        );
        return {
          ...base,
          url: {
            active: view.active,
            activeSinceLabel: dateLabel(view.activeSince),
            pending: view.pending
              ? {
                  value: view.pending.value,
                  effectiveAtIso: view.pending.effectiveAt.toISOString(),
                  effectiveAtLabel: formatDateTime(view.pending.effectiveAt),
                  requestedAtLabel: dateLabel(view.pending.requestedAt),
                }
              : null,
          },
        };
      }
      if (f.kind === "SECRET") return { ...base, secretStored: Boolean(row?.secretCipher) };
      return { ...base, text: row?.value ?? null };
    });
    return {
      habilitationId: h.id,
      grantedAtLabel: formatDateTime(h.grantedAt),
      api: {
        code: h.api.code,
        name: h.api.name,
        description: h.api.description,
        contactEmail: h.api.contactEmail,
        urlDelaySeconds: h.api.urlDelaySeconds,
      },
      fields,
    };
  });

  const authorIds = [...new Set(account.habilitationRequests.map((r) => r.authorId).filter((a): a is string => Boolean(a)))];
  const authors = new Map((await db().user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const requests = account.habilitationRequests.map((r) => ({
    id: r.id,
    createdAtLabel: formatDateTime(r.createdAt),
    decidedAtLabel: dateLabel(r.decidedAt ?? r.withdrawnAt),
    status: r.status,
    statusLabel: REQUEST_STATUS_LABELS[r.status],
    author: r.authorId ? (authors.get(r.authorId) ?? null) : null,
    message: r.message,
    canWithdraw: manages && canRequestHabilitations(actor) && canWithdrawRequest(r.status),
    items: [...r.items]
      .sort((a, b) => a.api.position - b.api.position)
      .map((i) => ({ id: i.id, apiName: i.api.name, decision: i.decision, reason: i.reason, decidedAtLabel: dateLabel(i.decidedAt) })),
  }));

  const grantedIds = new Set(account.habilitations.map((h) => h.apiId));
  const pendingIds = new Set(
    account.habilitationRequests.filter((r) => r.status === "SUBMITTED").flatMap((r) => r.items.filter((i) => i.decision === "PENDING").map((i) => i.apiId)),
  );
  const catalogue = await db().api.findMany({ orderBy: { position: "asc" }, select: { id: true, code: true, name: true, description: true } });
  const requestable = catalogue.filter((a) => !grantedIds.has(a.id) && !pendingIds.has(a.id)).map(({ code, name, description }) => ({ code, name, description }));

  return {
    accountId: account.id,
    identifiant: account.identifiant,
    apis,
    revoked: (
      await db().habilitation.findMany({
        where: { apiAccountId: id, revokedAt: { not: null } },
        include: { api: { select: { name: true } } },
        orderBy: { revokedAt: "desc" },
      })
    ).map((h) => ({ id: h.id, apiName: h.api.name, revokedAtLabel: dateLabel(h.revokedAt), reason: h.revokedReason })),
    requests,
    requestable,
    unavailable: catalogue.filter((a) => grantedIds.has(a.id) || pendingIds.has(a.id)).map((a) => ({ name: a.name, why: grantedIds.has(a.id) ? "déjà habilitée" : "demande en attente" })),
    serverNowMs: nowMs(),
    can: {
      edit: manages,
      reveal: manages && canRevealSecrets(actor),
      request: manages && canRequestHabilitations(actor),
      revoke: canDecideHabilitations(actor),
    },
  };
}

export type HabilitationsView = Awaited<ReturnType<typeof getHabilitationsView>>;
export type ApiView = HabilitationsView["apis"][number];
export type RequestView = HabilitationsView["requests"][number];

// ---------------------------------------------------------------------------
// Customs desk
// ---------------------------------------------------------------------------

export const QUEUE_PAGE_SIZE = 20;

export type QueueQuery = { status?: RequestStatus | "ALL"; api?: string; siret?: string; page?: number };

function requireDesk(actor: Actor) {
  if (!canUseCustomsDesk(actor)) throw new NotFoundError();
}

function queueWhere(query: QueueQuery) {
  const status = query.status ?? "SUBMITTED";
  const siret = query.siret?.replace(/\s+/g, "");
  return {
    AND: [
      status === "ALL" ? {} : { status },
      query.api ? { items: { some: { api: { code: query.api } } } } : {},
      siret ? { siret: { contains: siret } } : {},
    ],
  };
}

/** The customs queue with its filters, every row (CSV export), oldest first, up to 10,000. */
export async function exportRequestQueue(actor: Actor, query: QueueQuery) {
  requireDesk(actor);
  const rows = await db().habilitationRequest.findMany({
    where: queueWhere(query),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 10_000,
    include: {
      items: { include: { api: { select: { name: true, position: true } } } },
      apiAccount: { select: { establishment: { select: { company: { select: { name: true } } } } } },
    },
  });
  return rows.map((r) => ({
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    siret: r.siret,
    companyName: r.apiAccount.establishment.company.name,
    identifiant: r.identifiant,
    statusLabel: REQUEST_STATUS_LABELS[r.status],
    items: [...r.items].sort((a, b) => a.api.position - b.api.position).map((i) => ({ apiName: i.api.name, decision: i.decision, reason: i.reason })),
  }));
}

export async function listRequestQueue(actor: Actor, query: QueueQuery) {
  requireDesk(actor);
  const where = queueWhere(query);
  const total = await db().habilitationRequest.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
  const rows = await db().habilitationRequest.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * QUEUE_PAGE_SIZE,
    take: QUEUE_PAGE_SIZE,
    include: {
      items: { include: { api: { select: { name: true, position: true } } } },
      apiAccount: { select: { establishment: { select: { company: { select: { name: true } } } } } },
    },
  });
  const apis = await db().api.findMany({ orderBy: { position: "asc" }, select: { code: true, name: true } });
  const pendingCount = await db().habilitationRequest.count({ where: { status: "SUBMITTED" } });
  return {
    total,
    page,
    pageCount,
    pendingCount,
    apis,
    rows: rows.map((r) => ({
      id: r.id,
      createdAtLabel: formatDateTime(r.createdAt),
      siret: r.siret,
      companyName: r.apiAccount.establishment.company.name,
      identifiant: r.identifiant,
      status: r.status,
      statusLabel: REQUEST_STATUS_LABELS[r.status],
      items: [...r.items].sort((a, b) => a.api.position - b.api.position).map((i) => ({ apiName: i.api.name, decision: i.decision })),
    })),
  };
}

export type QueueRow = Awaited<ReturnType<typeof listRequestQueue>>["rows"][number];

export async function getDeskRequest(actor: Actor, requestId: string) {
  requireDesk(actor);
  if (typeof requestId !== "string" || requestId.length > 64) throw new NotFoundError();
  const request = await db().habilitationRequest.findUnique({
    where: { id: requestId },
    include: {
      items: { include: { api: { select: { code: true, name: true, description: true, position: true } } } },
      apiAccount: {
        select: {
          id: true,
          identifiant: true,
          email: true,
          createdAt: true,
          establishment: { select: { siret: true, city: true, company: { select: { name: true, siren: true } } } },
          ...grantedInclude,
        },
      },
    },
  });
  if (!request) throw new NotFoundError();
  const userIds = [request.authorId, ...request.items.map((i) => i.decidedById)].filter((u): u is string => Boolean(u));
  const users = new Map((await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]));
  const account = request.apiAccount;
  return {
    id: request.id,
    status: request.status,
    statusLabel: REQUEST_STATUS_LABELS[request.status],
    createdAtLabel: formatDateTime(request.createdAt),
    decidedAtLabel: dateLabel(request.decidedAt ?? request.withdrawnAt),
    siret: request.siret,
    identifiant: request.identifiant,
    message: request.message,
    author: request.authorId ? (users.get(request.authorId) ?? null) : null,
    items: [...request.items]
      .sort((a, b) => a.api.position - b.api.position)
      .map((i) => ({
        id: i.id,
        apiCode: i.api.code,
        apiName: i.api.name,
        apiDescription: i.api.description,
        decision: i.decision,
        reason: i.reason,
        decidedAtLabel: dateLabel(i.decidedAt),
        decidedBy: i.decidedById ? (users.get(i.decidedById)?.name ?? null) : null,
      })),
    account: {
      id: account.id,
      identifiant: account.identifiant,
      email: account.email,
      createdAtLabel: formatDateTime(account.createdAt),
      siret: account.establishment.siret,
      city: account.establishment.city,
      companyName: account.establishment.company.name,
      siren: account.establishment.company.siren,
      status: statusOf(account),
      habilitations: account.habilitations.map((h) => ({ id: h.id, apiName: h.api.name, grantedAtLabel: formatDateTime(h.grantedAt) })),
    },
    can: { decide: canDecideHabilitations(actor), revoke: canDecideHabilitations(actor) },
  };
}

export type DeskRequest = Awaited<ReturnType<typeof getDeskRequest>>;

// ---------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------

export async function listCatalogue(actor: Actor) {
  if (!canEditCatalogue(actor)) throw new NotFoundError();
  const apis = await db().api.findMany({
    orderBy: { position: "asc" },
    include: {
      fields: { orderBy: [{ position: "asc" }, { key: "asc" }] },
      _count: { select: { habilitations: { where: { revokedAt: null } } } },
    },
  });
  return apis.map((a) => ({
    code: a.code,
    name: a.name,
    description: a.description,
    contactEmail: a.contactEmail,
    pathPrefix: a.pathPrefix,
    urlDelaySeconds: a.urlDelaySeconds,
    fields: a.fields.map((f) => ({ key: f.key, label: f.label, kind: f.kind, required: f.required })),
    habilitatedAccounts: a._count.habilitations,
  }));
}

export async function getCatalogueApi(actor: Actor, code: string) {
  if (!canEditCatalogue(actor)) throw new NotFoundError();
  if (typeof code !== "string" || code.length > 40) throw new NotFoundError();
  const api = await db().api.findUnique({ where: { code }, include: { fields: { orderBy: [{ position: "asc" }, { key: "asc" }] } } });
  if (!api) throw new NotFoundError();
  const history = await db().auditEvent.findMany({
    where: { action: { startsWith: "CATALOGUE_" }, details: { contains: `"api":"${api.code}"` } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 20,
    select: { id: true, at: true, action: true, actorEmail: true, details: true },
  });
  return {
    code: api.code,
    name: api.name,
    description: api.description,
    contactEmail: api.contactEmail,
    pathPrefix: api.pathPrefix,
    urlDelaySeconds: api.urlDelaySeconds,
    fields: api.fields.map((f) => ({ key: f.key, label: f.label, kind: f.kind, required: f.required, help: f.help })),
    history,
  };
}
export type CatalogueApi = Awaited<ReturnType<typeof getCatalogueApi>>;

/** How many requests wait for customs (the DOUANE menu's count); 0 for anyone but an agent. */
export async function pendingRequestCount(actor: Actor): Promise<number> {
  if (!canUseCustomsDesk(actor)) return 0;
  return db().habilitationRequest.count({ where: { status: "SUBMITTED" } });
}
