/** All reads of the accounts area (thin pages call these; the policy filters every query). */
import { containsText, db } from "../db";
import { findReadableAccountId, managedEstablishmentsWhere, readableAccountsWhere, type Actor } from "../authorization";
import type { StatusLevel } from "../habilitations/status";
import { grantedInclude, statusOf } from "../habilitations/account-status";
import { stateFactsOf, stateLines, type StateLine } from "../habilitations/state-lines";
import { nowMs } from "../clock";
import type { Prisma } from "@/generated/prisma/client";
import { formatDate } from "../format";
import { describePasswordAge, describeRenewal, oldestChangeNeedingReminderMs, renewalOf } from "./password-age";
import { passwordMaxAgeDays } from "./password-reminders";

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

export type AccountSort = "status" | "siret" | "identifiant" | "email";

export type AccountListQuery = {
  q?: string;
  page?: number;
  status?: StatusLevel;
  sort?: AccountSort;
  direction?: "asc" | "desc";
  /** Accounts with a request waiting for customs. */
  pendingRequest?: boolean;
  /** "pending": a url change waits for its delay; "active": an url is in force. */
  url?: "pending" | "active";
  /** A field key: accounts whose habilitated APIs miss this required field. */
  missing?: string;
  /** « mot de passe à renouveler »: within 30 days of its renewal date or past it (only with a renewal period). */
  passwordToRenew?: boolean;
};

/** Red first (what needs doing), then yellow, then green — the order of « Hab. » ascending. */
const LEVEL_ORDER: StatusLevel[] = ["red", "yellow", "green"];

/** At most this many rows in a CSV export (the list's filters narrow it). */
export const EXPORT_MAX_ROWS = 10_000;

function searchWhere(q: string | undefined) {
  if (!q) return {};
  const digits = q.replace(/\s+/g, "");
  const or: object[] = [{ identifiant: containsText(q) }, { email: containsText(q) }];
  if (/^\d+$/.test(digits)) or.push({ establishment: { siret: { contains: digits } } });
  return { OR: or };
}

function passwordToRenewWhere(at: Date) {
  const max = passwordMaxAgeDays();
  if (max === null) return { id: { in: [] as string[] } }; // no renewal period: nothing is « à renouveler »
  return { passwordChangedAt: { lte: new Date(oldestChangeNeedingReminderMs(max, at.getTime())) } };
}

function listWhere(actor: Actor, query: AccountListQuery, at: Date) {
  return {
    AND: [
      readableAccountsWhere(actor),
      searchWhere(query.q),
      query.status ? { statusLevel: query.status } : {},
      query.pendingRequest ? { habilitationRequests: { some: { status: { in: ["SUBMITTED", "PARTIALLY_APPROVED"] }, items: { some: { decision: "PENDING" } } } } } : {},
      query.url === "pending" ? { fieldValues: { some: { fieldKey: "url", pendingValue: { not: null }, pendingEffectiveAt: { gt: at } } } } : {},
      query.url === "active" ? { fieldValues: { some: { fieldKey: "url", OR: [{ value: { not: null } }, { pendingValue: { not: null }, pendingEffectiveAt: { lte: at } }] } } } : {},
      query.passwordToRenew ? passwordToRenewWhere(new Date(at)) : {},
      // Narrowed here, decided exactly below (which API misses which field is the status rule's).
      query.missing ? { statusLevel: "yellow", habilitations: { some: { revokedAt: null, api: { fields: { some: { key: query.missing, required: true } } } } } } : {},
    ],
  } satisfies Prisma.ApiAccountWhereInput;
}

type SortKeys = { id: string; identifiantKey: string; email: string; statusLevel: string; establishment: { siret: string } };

function orderByOf(sort: AccountSort, direction: "asc" | "desc"): Prisma.ApiAccountOrderByWithRelationInput[] {
  const then = { identifiantKey: "asc" as const };
  if (sort === "siret") return [{ establishment: { siret: direction } }, then];
  if (sort === "email") return [{ email: direction }, then];
  return [{ identifiantKey: direction }];
}

function compareBy(sort: AccountSort, direction: "asc" | "desc") {
  const sign = direction === "asc" ? 1 : -1;
  const key = (r: SortKeys): string | number =>
    sort === "siret" ? r.establishment.siret : sort === "email" ? r.email : sort === "status" ? LEVEL_ORDER.indexOf(r.statusLevel as StatusLevel) : r.identifiantKey;
  return (a: SortKeys, b: SortKeys) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return a.identifiantKey < b.identifiantKey ? -1 : a.identifiantKey > b.identifiantKey ? 1 : 0;
  };
}

/**
 * The ids of one window of the list, in its order, and the total. Three paths: by a column the
 * database sorts; by status (red → yellow → green: one window per level, from their counts); with
 * « ce qui manque », exactly, in memory over the yellow accounts the database narrowed to.
 */
async function orderedIds(actor: Actor, query: AccountListQuery, window: { skip: number; take: number }): Promise<{ total: number; ids: string[] }> {
  const at = nowMs();
  const where = listWhere(actor, query, new Date(at));
  const sort = query.sort ?? "identifiant";
  const direction = query.direction ?? "asc";
  const sortKeys = { id: true, identifiantKey: true, email: true, statusLevel: true, establishment: { select: { siret: true } } } as const;

  if (query.missing) {
    const candidates = await db().apiAccount.findMany({ where, select: { ...sortKeys, ...grantedInclude } });
    const matching = candidates.filter((c) => statusOf(c).missing.some((m) => m.fieldKey === query.missing)).sort(compareBy(sort, direction));
    return { total: matching.length, ids: matching.slice(window.skip, window.skip + window.take).map((m) => m.id) };
  }
  if (sort !== "status") {
    const [total, rows] = await Promise.all([
      db().apiAccount.count({ where }),
      db().apiAccount.findMany({ where, orderBy: orderByOf(sort, direction), skip: window.skip, take: window.take, select: { id: true } }),
    ]);
    return { total, ids: rows.map((r) => r.id) };
  }
  const levels = direction === "asc" ? LEVEL_ORDER : [...LEVEL_ORDER].reverse();
  const counts = await Promise.all(levels.map((level) => db().apiAccount.count({ where: { AND: [where, { statusLevel: level }] } })));
  const ids: string[] = [];
  let offset = 0;
  for (const [i, level] of levels.entries()) {
    const count = counts[i]!;
    const from = Math.max(window.skip - offset, 0);
    const wanted = window.take - ids.length;
    if (wanted > 0 && from < count) {
      const rows = await db().apiAccount.findMany({ where: { AND: [where, { statusLevel: level }] }, orderBy: [{ identifiantKey: "asc" }], skip: from, take: wanted, select: { id: true } });
      ids.push(...rows.map((r) => r.id));
    }
    offset += count;
  }
  return { total: counts.reduce((a, b) => a + b, 0), ids };
}

const rowSelect = {
  id: true,
  identifiant: true,
  email: true,
  createdAt: true,
  passwordChangedAt: true,
  establishment: { select: { siret: true, company: { select: { name: true } } } },
  ...grantedInclude,
  habilitationRequests: recentRequests,
} as const;

async function rowsByIds(ids: string[]) {
  const rows = await db().apiAccount.findMany({ where: { id: { in: ids } }, select: rowSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const at = nowMs();
  return ids
    .map((id) => byId.get(id))
    .filter((r): r is NonNullable<typeof r> => Boolean(r))
    .map((r) => ({
      id: r.id,
      identifiant: r.identifiant,
      email: r.email,
      createdAt: r.createdAt,
      siret: r.establishment.siret,
      companyName: r.establishment.company.name,
      habilitations: r.habilitations.map((h) => h.api.name),
      password: passwordAgeOf(r.passwordChangedAt),
      status: statusOf(r),
      stateLines: accountStateLines(r, at),
    }));
}

export async function listAccounts(actor: Actor, query: AccountListQuery) {
  const first = await orderedIds(actor, query, { skip: ((query.page ?? 1) - 1) * PAGE_SIZE, take: PAGE_SIZE });
  const pageCount = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pageCount);
  // A page past the end shows the last one.
  const window = page === (query.page ?? 1) ? first : await orderedIds(actor, query, { skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  return { total: window.total, page, pageCount, pageSize: PAGE_SIZE, rows: await rowsByIds(window.ids) };
}

/** Every row of the list with its filters and order (CSV export), up to EXPORT_MAX_ROWS. */
export async function exportAccounts(actor: Actor, query: AccountListQuery) {
  const { total, ids } = await orderedIds(actor, query, { skip: 0, take: EXPORT_MAX_ROWS });
  const rows = [];
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await rowsByIds(ids.slice(i, i + 500))));
  return { total, truncated: total > rows.length, rows };
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
  return { ...account, status: statusOf(account), stateLines: accountStateLines(account, nowMs()), password: passwordAgeOf(account.passwordChangedAt) };
}

/** « modifié il y a 14 mois », and with a renewal period « à renouveler avant le … (dans 7 jours) ». */
export function passwordAgeOf(changedAt: Date) {
  const at = nowMs();
  const renewal = renewalOf(changedAt.getTime(), passwordMaxAgeDays(), at);
  return {
    age: describePasswordAge(changedAt.getTime(), at),
    renewal: renewal ? { text: describeRenewal(renewal, formatDate), toRenew: renewal.toRenew, overdue: renewal.overdue } : null,
  };
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

/** « Ce qui manque » filter: the required fields of the catalogue (one entry per key). */
export async function missingFieldOptions(): Promise<{ key: string; label: string }[]> {
  const fields = await db().apiField.findMany({ where: { required: true }, select: { key: true, label: true }, orderBy: [{ position: "asc" }, { key: "asc" }] });
  const seen = new Map<string, string>();
  for (const f of fields) if (!seen.has(f.key)) seen.set(f.key, f.label);
  return [...seen].map(([key, label]) => ({ key, label }));
}
