/**
 * Reads the facts of an account's certification path (./steps.ts) — same scope as the account
 * page (findReadableAccountId: a correspondent reaches only their SIRETs, 404 otherwise).
 * Sources: the account, its requests and active habilitations, statusLevel/statusSince, the url in
 * force (activeUrlFor), the token tester's history (TokenTestRun) and the test callbacks
 * (CallbackAttempt, ReceivedCallback).
 */
import { containsText, db } from "../db";
import { now } from "../clock";
import { formatDateTime } from "../format";
import { findReadableAccountId, type Actor } from "../authorization";
import { grantedInclude, statusOf } from "../habilitations/account-status";
import { activeUrlFor } from "../habilitations/activation";
import { describeMissing } from "../habilitations/status";
import { urlAt } from "../habilitations/url-change";
import { DH7_API_CODE } from "../dh7/messages";
import { CERTIFICATION_ENVIRONMENTS, certificationPath, type CallbackFact, type Dh7ExchangeFact, type TokenRunFact, type UrlFact } from "./steps";

/** The DeltaH7 exchange's facts (null: not habilitated on DeltaH7, the step is not on the path). */
async function dh7ExchangeFact(accountId: string, habilitated: boolean): Promise<Dh7ExchangeFact | null> {
  if (!habilitated) return null;
  const response = { apiAccountId: accountId, apiCode: DH7_API_CODE, kind: "RESPONSE" } as const;
  const [firstDeclaration, delivered, latest, errorsDelivered] = await Promise.all([
    db().dh7Declaration.findFirst({ where: { apiAccountId: accountId }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }], select: { receivedAt: true } }),
    db().customsCallback.findFirst({ where: { ...response, status: "SENT" }, orderBy: [{ sentAt: "asc" }, { id: "asc" }], select: { sentAt: true, lastStatus: true, body: true } }),
    db().customsCallback.findFirst({ where: response, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { status: true, attempts: true, lastStatus: true, lastError: true } }),
    db().customsCallback.count({ where: { apiAccountId: accountId, apiCode: DH7_API_CODE, kind: "ERROR", status: "SENT" } }),
  ]);
  const mrnOf = (body: string): string | null => {
    try {
      const mrn = (JSON.parse(body) as { mrn?: unknown }).mrn;
      return typeof mrn === "string" ? mrn : null;
    } catch {
      return null;
    }
  };
  const state = latest?.status;
  return {
    firstDeclarationAt: firstDeclaration?.receivedAt ?? null,
    firstResponseDelivered: delivered?.sentAt ? { at: delivered.sentAt, status: delivered.lastStatus, mrn: mrnOf(delivered.body) } : null,
    latestResponse:
      latest && (state === "PENDING" || state === "SENT" || state === "FAILED")
        ? { state, attempts: latest.attempts, lastStatus: latest.lastStatus, lastError: latest.lastError }
        : null,
    errorsDelivered,
  };
}

/** When the url now in force took effect, from its "url active" audit event (the row keeps only the latest change). */
async function activationFromAudit(apiAccountId: string, apiName: string, url: string): Promise<Date | null> {
  const events = await db().auditEvent.findMany({
    where: { apiAccountId, action: "URL_CHANGE_EFFECTIVE" },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 50,
    select: { details: true },
  });
  for (const e of events) {
    try {
      const d = JSON.parse(e.details ?? "{}") as { api?: unknown; url?: unknown; effectiveAt?: unknown };
      if (d.api === apiName && d.url === url && typeof d.effectiveAt === "string") {
        const at = new Date(d.effectiveAt);
        if (!Number.isNaN(at.getTime())) return at;
      }
    } catch {
      // an unreadable event proves nothing
    }
  }
  return null;
}

export async function getCertificationPath(actor: Actor, accountId: string) {
  const id = await findReadableAccountId(actor, accountId);
  const account = await db().apiAccount.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      identifiant: true,
      identifiantKey: true,
      email: true,
      createdAt: true,
      statusSince: true,
      establishment: { select: { siret: true, city: true, company: { select: { name: true } } } },
      habilitationRequests: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          createdAt: true,
          status: true,
          items: { select: { decision: true, reason: true, decidedAt: true, api: { select: { name: true, position: true } } }, orderBy: { api: { position: "asc" } } },
        },
      },
      ...grantedInclude,
    },
  });
  const status = statusOf(account);
  const at = now();

  const urls: UrlFact[] = [];
  for (const h of account.habilitations) {
    for (const field of h.api.fields.filter((f) => f.kind === "URL")) {
      const active = await activeUrlFor(id, h.api.code, field.key);
      const row = await db().apiFieldValue.findUnique({ where: { apiAccountId_apiId_fieldKey: { apiAccountId: id, apiId: h.apiId, fieldKey: field.key } } });
      const view = row ? urlAt(row, at) : null;
      const label = h.api.fields.filter((f) => f.kind === "URL").length > 1 ? `${h.api.name} (${field.label})` : h.api.name;
      urls.push({
        api: label,
        active,
        activeSince: active ? (view?.activeSince ?? (await activationFromAudit(id, h.api.name, active))) : null,
        pending: view?.pending ? { value: view.pending.value, effectiveAt: view.pending.effectiveAt } : null,
      });
    }
  }

  // Tester runs linked to the account (the tester links them when the actor can read it)…
  const linked = { apiAccountId: id, createdAt: { gte: account.createdAt } };
  const certifying = { ...linked, outcome: "success", environment: { in: Object.keys(CERTIFICATION_ENVIRONMENTS) } };
  const runSelect = { createdAt: true, environment: true, outcome: true, apiCallUrl: true, apiCallStatus: true, identifiant: true } as const;
  const byDate = [{ createdAt: "asc" as const }, { id: "asc" as const }];
  const [firstToken, firstCall, lastRun, unlinked] = await Promise.all([
    db().tokenTestRun.findFirst({ where: certifying, orderBy: byDate, select: runSelect }),
    db().tokenTestRun.findFirst({ where: { ...certifying, apiCallStatus: { gte: 200, lte: 299 } }, orderBy: byDate, select: runSelect }),
    db().tokenTestRun.findFirst({ where: linked, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: runSelect }),
    // …and runs typed with its identifiant (any case) by someone who could not read it.
    db().tokenTestRun.findMany({
      where: { apiAccountId: null, createdAt: { gte: account.createdAt }, identifiant: containsText(account.identifiant) },
      orderBy: byDate,
      take: 500,
      select: runSelect,
    }),
  ]);
  const tokenRuns: TokenRunFact[] = [firstToken, firstCall, lastRun, ...unlinked.filter((r) => r.identifiant.toLowerCase() === account.identifiantKey)]
    .filter((r): r is NonNullable<typeof r> => r !== null)
    .map((r) => ({ at: r.createdAt, environment: r.environment, outcome: r.outcome, apiCallUrl: r.apiCallUrl, apiCallStatus: r.apiCallStatus }));

  const apiNames = new Map((await db().api.findMany({ select: { code: true, name: true } })).map((a) => [a.code, a.name]));
  const apiName = (code: string | null) => (code ? (apiNames.get(code) ?? code) : null);
  const [received, sent] = await Promise.all([
    db().receivedCallback.findFirst({ where: { apiAccountId: id, tokenValid: true }, orderBy: [{ receivedAt: "asc" }, { id: "asc" }] }),
    db().callbackAttempt.findFirst({ where: { apiAccountId: id, status: { gte: 200, lte: 299 } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  const callbacks: CallbackFact[] = [];
  if (received) callbacks.push({ kind: "received", at: received.receivedAt, api: apiName(received.apiCode), tokenValid: received.tokenValid });
  if (sent) callbacks.push({ kind: "sent", at: sent.createdAt, api: apiName(sent.apiCode), status: sent.status });

  const path = certificationPath(
    {
      accountCreatedAt: account.createdAt,
      requests: account.habilitationRequests.map((r) => ({
        createdAt: r.createdAt,
        status: r.status,
        items: r.items.map((i) => ({ api: i.api.name, decision: i.decision, reason: i.reason, decidedAt: i.decidedAt })),
      })),
      habilitations: account.habilitations.map((h) => ({ api: h.api.name, grantedAt: h.grantedAt })),
      status: { level: status.level, since: account.statusSince, missing: describeMissing(status.missing) },
      urls,
      tokenRuns,
      callbacks,
      dh7: await dh7ExchangeFact(id, account.habilitations.some((h) => h.api.code === DH7_API_CODE)),
    },
    formatDateTime,
  );

  return {
    account: {
      id: account.id,
      identifiant: account.identifiant,
      email: account.email,
      siret: account.establishment.siret,
      city: account.establishment.city,
      companyName: account.establishment.company.name,
      status,
    },
    ...path,
    steps: path.steps.map((s) => ({ ...s, atLabel: s.at ? formatDateTime(s.at) : null })),
    generatedAt: at,
  };
}

export type CertificationPathView = Awaited<ReturnType<typeof getCertificationPath>>;
