/** All reads of the accounts area (thin pages call these; the policy filters every query). */
import { containsText, db } from "../db";
import { findReadableAccountId, managedEstablishmentsWhere, readableAccountsWhere, type Actor } from "../authorization";
import type { StatusLevel } from "../habilitations/status";
import { grantedInclude, statusOf } from "../habilitations/account-status";
import { stateFactsOf, stateLines, type StateLine } from "../habilitations/state-lines";
import { nowMs } from "../clock";

export { statusOf };

/** The latest requests of an account, for its state lines (./habilitations/state-lines.ts). */
const recentRequests = {
  orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }],
  take: 5,
  select: {
    status: true,
    createdAt: true,
    decidedAt: true,
    items: { select: { decision: true, reason: true, decidedAt: true, api: { select: { name: true } } } },
  },
};

type StateSource = {
  habilitationRequests: Parameters<typeof stateFactsOf>[0];
  habilitations: { api: { id: string; name: string } }[];
  fieldValues: { apiId: string; fieldKey: string; pendingValue: string | null; pendingEffectiveAt: Date | null }[];
};

function accountStateLines(account: StateSource, at: number): StateLine[] {
  const names = new Map(account.habilitations.map((h) => [h.api.id, h.api.name]));
  const urls = account.fieldValues
    .filter((v) => v.fieldKey === "url" && names.has(v.apiId))
    .map((v) => ({ apiName: names.get(v.apiId)!, pendingValue: v.pendingValue, pendingEffectiveAt: v.pendingEffectiveAt }));
  return stateLines(stateFactsOf(account.habilitationRequests, urls, at), at);
}

export const PAGE_SIZE = 20;

export type AccountListQuery = { q?: string; page?: number; status?: StatusLevel };

function searchWhere(q: string | undefined) {
  if (!q) return {};
  const digits = q.replace(/\s+/g, "");
  const or: object[] = [{ identifiant: containsText(q) }, { email: containsText(q) }];
  if (/^\d+$/.test(digits)) or.push({ establishment: { siret: { contains: digits } } });
  return { OR: or };
}

export async function listAccounts(actor: Actor, query: AccountListQuery) {
  const where = {
    AND: [readableAccountsWhere(actor), searchWhere(query.q), query.status ? { statusLevel: query.status } : {}],
  };
  const total = await db().apiAccount.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
  const rows = await db().apiAccount.findMany({
    where,
    orderBy: [{ identifiantKey: "asc" }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: {
      id: true,
      identifiant: true,
      email: true,
      establishment: { select: { siret: true, company: { select: { name: true } } } },
      ...grantedInclude,
      habilitationRequests: recentRequests,
    },
  });
  const at = nowMs();
  return {
    total,
    page,
    pageCount,
    pageSize: PAGE_SIZE,
    rows: rows.map((r) => ({
      id: r.id,
      identifiant: r.identifiant,
      email: r.email,
      siret: r.establishment.siret,
      companyName: r.establishment.company.name,
      status: statusOf(r),
      stateLines: accountStateLines(r, at),
    })),
  };
}

export type AccountListRow = Awaited<ReturnType<typeof listAccounts>>["rows"][number];

/** The SIRETs offered by the creation form: every SIRET of the actor's scope, with the reason a SIRET is unavailable. */
export async function listSiretOptions(actor: Actor) {
  const establishments = await db().establishment.findMany({
    where: managedEstablishmentsWhere(actor),
    orderBy: { siret: "asc" },
    select: { siret: true, city: true, company: { select: { name: true } }, apiAccount: { select: { identifiant: true } } },
  });
  return establishments.map((e) => ({
    siret: e.siret,
    companyName: e.company.name,
    city: e.city,
    existingIdentifiant: e.apiAccount?.identifiant ?? null,
  }));
}

export type SiretOption = Awaited<ReturnType<typeof listSiretOptions>>[number];

export async function getAccountDetail(actor: Actor, accountId: string) {
  const id = await findReadableAccountId(actor, accountId);
  const account = await db().apiAccount.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      identifiant: true,
      email: true,
      createdAt: true,
      updatedAt: true,
      passwordChangedAt: true,
      establishment: { select: { siret: true, city: true, company: { select: { name: true } } } },
      ...grantedInclude,
      habilitationRequests: recentRequests,
    },
  });
  return { ...account, status: statusOf(account), stateLines: accountStateLines(account, nowMs()) };
}

export type AccountDetail = Awaited<ReturnType<typeof getAccountDetail>>;

export async function getAccountHistory(actor: Actor, accountId: string, take = 50) {
  const id = await findReadableAccountId(actor, accountId);
  return db().auditEvent.findMany({
    where: { apiAccountId: id },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take,
    select: { id: true, at: true, action: true, actorEmail: true, details: true },
  });
}
