/**
 * The console's token tester: policy, form validation, environment and outbound policy, the run
 * (./run.ts), the history (TokenTestRun, and an audit event on the account when the identifiant
 * is one of the actor's API accounts). No Next.js imports: integration tests call it directly.
 *
 * The password is a parameter of the run only: never stored, logged, audited or returned. The
 * refresh token is kept sealed in the database (./secret-store.ts) for the "Rafraîchir" step.
 */
import { db } from "../db";
import { now, nowMs, wallClockMs } from "../clock";
import { recordAudit } from "../audit/audit";
import { canUseTokenTester, readableAccountsWhere, type Actor } from "../authorization";
import { fail, INVALID_FORM_MESSAGE, zodFieldErrors, type ActionResult } from "../action-result";
import { checkUrlResolved, checkUrlSyntax, loopbackAllowed } from "../net/outbound";
import { CUSTOM_ENVIRONMENT_ID, customEnvironment, environments, isEnvironmentId, simulatorEndpoints } from "../oauth/environments";
import { TESTER_CLIENT_HEADER, testerProof } from "../rate-limit/client";
import type { FetchLike } from "../oauth-client/exchange";
import { policyFetch, sameOrigin, trustedFetch } from "../net/outbound-fetch";
import { claimRun, forgetRun, keepRun, releaseRun, STORE_TTL_MS } from "./secret-store";
import { runRefresh, runTokenTest } from "./run";
import { tokenTestSchema } from "./schema";
import type { RefreshReport, TokenTestReport } from "./report";

export const TESTER_MESSAGES = {
  forbidden: "Le testeur de jeton est réservé aux correspondants, au service de certification et aux formateurs.",
  tooMany: "Trop de tests en peu de temps : patientez une minute avant de relancer.",
  expired: "Ce test a expiré (15 min) ou un rafraîchissement est déjà en cours : relancez un test pour obtenir un nouveau jeton.",
  internal: "Le test n'a pas pu être exécuté (erreur interne). Réessayez.",
} as const;

/** At most this many runs per user per minute (the tester must not become a password-guessing relay). */
export const MAX_RUNS_PER_MINUTE = 20;
const TIMEOUT_MS = 10_000;
/** The machine's real time: the clock-offset check is about NTP, not about the trainer's demo clock. */
const wallClock = wallClockMs;

export type TesterDeps = { fetch?: FetchLike };

/**
 * Requests to the console's own simulator say which person runs the test (a signed, short-lived
 * proof: lib/rate-limit/client.ts), so its failures are limited per person — not on the server's
 * own address, shared with everyone. Never sent anywhere else.
 */
export function signedForSimulator(fetchImpl: FetchLike, actorId: string): FetchLike {
  const simulator = simulatorEndpoints().tokenEndpoint;
  return (url, init) => {
    if (!sameOrigin(String(url), simulator)) return fetchImpl(url, init);
    const headers = new Headers(init?.headers);
    headers.set(TESTER_CLIENT_HEADER, testerProof(actorId, wallClockMs()));
    return fetchImpl(url, { ...init, headers });
  };
}

type Target = {
  environment: { id: string; label: string };
  tokenUrl: string;
  issuer: string | null;
  apiBaseUrl: string | null;
  trusted: boolean;
};

function resolveTarget(choice: string, customUrl: string): Target | { field: "customUrl"; reason: string } {
  if (isEnvironmentId(choice)) {
    const env = environments()[choice];
    return { environment: { id: env.id, label: env.label }, tokenUrl: env.tokenUrl, issuer: env.issuer, apiBaseUrl: env.apiBaseUrl, trusted: true };
  }
  const syntax = checkUrlSyntax(customUrl, { allowLoopback: loopbackAllowed() });
  if (!syntax.ok) return { field: "customUrl", reason: syntax.reason };
  const custom = customEnvironment({ tokenUrl: syntax.url.toString() });
  const label = custom && process.env.CUSTOM_TOKEN_URL === customUrl ? custom.label : "URL personnalisée";
  return { environment: { id: CUSTOM_ENVIRONMENT_ID, label }, tokenUrl: syntax.url.toString(), issuer: null, apiBaseUrl: null, trusted: false };
}

export async function runTokenTestForActor(actor: Actor, raw: unknown, deps: TesterDeps = {}): Promise<ActionResult<TokenTestReport>> {
  if (!canUseTokenTester(actor)) return fail(TESTER_MESSAGES.forbidden);
  const parsed = tokenTestSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const input = parsed.data;

  const target = resolveTarget(input.environment, input.customUrl);
  if ("field" in target) return fail(target.reason, { customUrl: [target.reason] });
  const allowLoopback = loopbackAllowed();
  if (!target.trusted) {
    const resolved = await checkUrlResolved(target.tokenUrl, { allowLoopback });
    if (!resolved.ok) return fail(resolved.reason, { customUrl: [resolved.reason] });
  }
  const apiUrl = input.apiUrl || null;
  const apiTrusted = Boolean(apiUrl && target.trusted && sameOrigin(apiUrl, target.apiBaseUrl));
  if (apiUrl && !apiTrusted) {
    const verdict = checkUrlSyntax(apiUrl, { allowLoopback });
    if (!verdict.ok) return fail(verdict.reason, { apiUrl: [verdict.reason] });
  }

  const recent = await db().tokenTestRun.count({ where: { actorId: actor.id, createdAt: { gt: new Date(nowMs() - 60_000) } } });
  if (recent >= MAX_RUNS_PER_MINUTE) return fail(TESTER_MESSAGES.tooMany);

  const account = await db().apiAccount.findFirst({
    where: { AND: [{ identifiantKey: input.identifiant.toLowerCase() }, readableAccountsWhere(actor)] },
    select: { id: true, establishment: { select: { siret: true } } },
  });

  const base = deps.fetch;
  const guarded = policyFetch({ allowLoopback }, base);
  const trusted = trustedFetch(base);
  const metadataFetch: FetchLike = (url, init) => (target.trusted && sameOrigin(String(url), target.issuer) ? trusted : guarded)(url, init);

  let result: Awaited<ReturnType<typeof runTokenTest>>;
  try {
    result = await runTokenTest({
      environment: target.environment,
      tokenUrl: target.tokenUrl,
      username: input.identifiant,
      password: input.password,
      timeoutMs: TIMEOUT_MS,
      clock: nowMs,
      wallClock,
      fetch: signedForSimulator(target.trusted ? trusted : guarded, actor.id),
      metadataFetch,
      apiUrl,
      apiFetch: apiTrusted ? trusted : guarded,
    });
  } catch {
    return fail(TESTER_MESSAGES.internal);
  }
  const { report, secrets } = result;
  const exchange = report.exchange;

  const at = now();
  const run = await db().$transaction(async (tx) => {
    const created = await tx.tokenTestRun.create({
      data: {
        apiAccountId: account?.id ?? null,
        actorId: actor.id,
        identifiant: input.identifiant,
        environment: target.environment.id,
        tokenUrl: target.tokenUrl,
        createdAt: at,
        outcome: exchange.outcome,
        httpStatus: exchange.status,
        latencyMs: exchange.latencyMs,
        oauthError: exchange.error?.code ?? null,
        apiCallUrl: report.apiCall?.url ?? null,
        apiCallStatus: report.apiCall?.status ?? null,
      },
      select: { id: true },
    });
    if (account) {
      await recordAudit(
        {
          actor,
          action: "TOKEN_TEST_RUN",
          apiAccountId: account.id,
          siret: account.establishment.siret,
          details: {
            environment: target.environment.id,
            outcome: exchange.outcome,
            ...(exchange.error?.code ? { oauthError: exchange.error.code } : {}),
            ...(exchange.status !== null ? { httpStatus: exchange.status } : {}),
            latencyMs: exchange.latencyMs,
          },
        },
        tx,
      );
    }
    return created;
  });

  if (secrets?.refreshToken) {
    await keepRun(
      run.id,
      { actorId: actor.id, tokenUrl: target.tokenUrl, clientId: report.clientId, trusted: target.trusted, refreshToken: secrets.refreshToken, expiresAtMs: nowMs() + STORE_TTL_MS },
      nowMs(),
    );
  }
  return { ok: true, data: { ...report, runId: run.id, refreshAvailable: Boolean(secrets?.refreshToken) } };
}

/** The "Rafraîchir" step of a run of this user. */
export async function refreshTokenTestForActor(actor: Actor, runId: unknown, deps: TesterDeps = {}): Promise<ActionResult<RefreshReport>> {
  if (!canUseTokenTester(actor)) return fail(TESTER_MESSAGES.forbidden);
  if (typeof runId !== "string" || runId.length > 64) return fail(TESTER_MESSAGES.expired);
  const entry = await claimRun(runId, actor.id, nowMs());
  if (!entry) return fail(TESTER_MESSAGES.expired);
  const fetchImpl = signedForSimulator(entry.trusted ? trustedFetch(deps.fetch) : policyFetch({ allowLoopback: loopbackAllowed() }, deps.fetch), actor.id);
  let result: Awaited<ReturnType<typeof runRefresh>>;
  try {
    result = await runRefresh({ tokenUrl: entry.tokenUrl, refreshToken: entry.refreshToken, clientId: entry.clientId, timeoutMs: TIMEOUT_MS, clock: nowMs, wallClock, fetch: fetchImpl, runId });
  } catch {
    await releaseRun(runId);
    return fail(TESTER_MESSAGES.internal);
  }
  if (result.report.exchange.outcome === "oauth_error") {
    await forgetRun(runId); // a refused refresh token will not work any better next time
  } else {
    await releaseRun(runId, result.report.verdict.ok ? (result.secrets?.refreshToken ?? undefined) : undefined);
  }
  return { ok: true, data: { ...result.report, refreshAvailable: result.report.verdict.ok } };
}
