/**
 * Runs one token test — the steps the page and the CLI show: the request (as curl), status and
 * latency, the SPEC checklist, token_type / expires_in, the id_token decoded and its signature,
 * the clock offset, and an optional authenticated API call. No database, no Next.js: the console
 * service (./service.ts) adds the policy and the history; the CLI calls this directly.
 *
 * Secrets: the password goes only into the token request; the access and refresh tokens are
 * returned apart from the report (the caller decides whether to keep them — never in the report).
 */
import { CUSTOM_ENVIRONMENT_ID } from "../oauth/environments";
import { exchangeToken, readCapped, type FetchLike, type GrantParams, type TokenExchange } from "../oauth-client/exchange";
import { clockOffsetIsSignificant } from "../oauth-client/clock-offset";
import { parseBearerChallenge } from "../oauth-client/www-authenticate";
import { DEFAULT_CLIENT_ID, DEFAULT_SCOPE, DEFAULT_TIMEOUT_MS } from "../oauth-client/client";
import { curlCommand } from "./curl";
import {
  clockAdvice,
  explainApiAnswer,
  explainHttpStatus,
  explainMalformed,
  explainNetwork,
  explainOAuthError,
  explainTimeout,
  type Explanation,
} from "./explain";
import { formatParis, inspectIdToken } from "./id-token";
import type { ApiCallReport, ExchangeReport, Outcome, RefreshReport, TokenInfo, TokenTestReport } from "./report";

export type RunOptions = {
  environment: { id: string; label: string };
  tokenUrl: string;
  username: string;
  password: string;
  clientId?: string;
  scope?: string;
  timeoutMs?: number;
  /** The console's clock (ms since the epoch; the demo clock may move it). */
  clock: () => number;
  /** The machine's real clock, for the clock-offset measurement (default: `clock`). */
  wallClock?: () => number;
  /** For the token endpoint. */
  fetch: FetchLike;
  /** For discovery and JWKS (URLs taken from the id_token's iss: the console applies its outbound policy). */
  metadataFetch: FetchLike;
  apiUrl?: string | null;
  /** For the API call (the console applies its outbound policy). */
  apiFetch?: FetchLike;
  runId?: string | null;
};

export type Secrets = { accessToken: string; refreshToken: string | null };

export const API_SNIPPET_BYTES = 2048;

/** Removes every secret from a text shown to a person. */
export function scrubber(secrets: ReadonlyArray<string | null | undefined>): (text: string) => string {
  const values = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
  const variants = [...new Set(values.flatMap((s) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]))].sort((a, b) => b.length - a.length);
  return (text: string) => {
    let out = text;
    for (const v of variants) out = out.split(v).join("***");
    return out;
  };
}

function shapeOf(value: string): string {
  if (/^[0-9a-f]{64}$/i.test(value)) return "64 caractères hexadécimaux (comme l'exemple du guide)";
  if (/^[0-9a-f]+$/i.test(value)) return `${value.length} caractères hexadécimaux`;
  return `${value.length} caractères, opaque`;
}

function outcomeOf(exchange: TokenExchange): Outcome {
  if (!exchange.error) return "success";
  switch (exchange.error.kind) {
    case "oauth":
      return "oauth_error";
    case "http":
      return "http_error";
    case "malformed":
      return "invalid_response";
    case "timeout":
      return "timeout";
    case "network":
      return "network_error";
  }
}

function explanationOf(exchange: TokenExchange): Explanation | null {
  const e = exchange.error;
  if (!e) return null;
  switch (e.kind) {
    case "oauth":
      return explainOAuthError(e.error, e.errorDescription, exchange.grant);
    case "http":
      return explainHttpStatus(e.status, exchange.headers.retryAfter);
    case "malformed":
      return explainMalformed(e.problems);
    case "timeout":
      return explainTimeout(e.timeoutMs);
    case "network":
      return explainNetwork(e.message);
  }
}

export function exchangeReport(exchange: TokenExchange, tokenUrl: string, scrub: (t: string) => string): ExchangeReport {
  const e = exchange.error;
  const token = exchange.token;
  const info: TokenInfo | null = token
    ? {
        tokenType: token.tokenType,
        expiresIn: token.expiresIn,
        expiresAtMs: exchange.obtainedAtMs + token.expiresIn * 1000,
        expiresAtParis: formatParis(exchange.obtainedAtMs + token.expiresIn * 1000),
        accessTokenLength: token.accessToken.length,
        accessTokenShape: shapeOf(token.accessToken),
        refreshTokenPresent: token.refreshToken !== null,
        refreshTokenShape: token.refreshToken ? shapeOf(token.refreshToken) : null,
        scope: token.scope,
      }
    : null;
  const offset = exchange.clockOffset;
  const explanation = explanationOf(exchange);
  return {
    grant: exchange.grant,
    curl: curlCommand(tokenUrl, exchange.redactedFields),
    status: exchange.status,
    latencyMs: exchange.latencyMs,
    contentType: exchange.headers.contentType,
    checks: (exchange.verdict?.checks ?? []).map((c) => (c.detail ? { ...c, detail: scrub(c.detail) } : c)),
    outcome: outcomeOf(exchange),
    error: e
      ? {
          code: e.kind === "oauth" ? e.error : e.kind === "network" ? e.code : null,
          description: e.kind === "oauth" ? scrubNullable(e.errorDescription, scrub) : null,
          problems: e.kind === "malformed" ? e.problems.map(scrub) : [],
          bodySnippet: e.kind === "http" ? scrub(exchange.body.slice(0, 500)) : null,
        }
      : null,
    explanation: explanation ? { title: scrub(explanation.title), text: scrub(explanation.text) } : null,
    token: info,
    clock: offset
      ? {
          offsetMs: offset.offsetMs,
          uncertaintyMs: offset.uncertaintyMs,
          serverDate: offset.serverDate,
          significant: clockOffsetIsSignificant(offset),
          advice: clockOffsetIsSignificant(offset) ? clockAdvice(offset.offsetMs) : null,
        }
      : null,
  };
}

function scrubNullable(text: string | null, scrub: (t: string) => string): string | null {
  return text === null ? null : scrub(text);
}

export async function callApi(url: string, accessToken: string, fetchImpl: FetchLike, timeoutMs: number, scrub: (t: string) => string): Promise<ApiCallReport> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = performance.now();
  try {
    const response = await fetchImpl(url, {
      method: "GET",
      headers: { Accept: "application/json", Authorization: `Bearer ${accessToken}` },
      redirect: "manual",
      cache: "no-store",
      signal: controller.signal,
    });
    const body = await readCapped(response, API_SNIPPET_BYTES);
    const header = response.headers.get("www-authenticate");
    const challenge = parseBearerChallenge(header);
    return {
      url,
      method: "GET",
      status: response.status,
      latencyMs: Math.round(performance.now() - started),
      contentType: response.headers.get("content-type"),
      wwwAuthenticate: header,
      challenge,
      location: response.headers.get("location"),
      bodySnippet: scrub(body),
      explanation: explainApiAnswer(response.status, challenge),
      ok: response.status >= 200 && response.status < 300,
    };
  } catch (error) {
    const aborted = controller.signal.aborted;
    const message = error instanceof Error && error.message !== "fetch failed" ? error.message : "connexion impossible";
    return {
      url,
      method: "GET",
      status: null,
      latencyMs: Math.round(performance.now() - started),
      contentType: null,
      wwwAuthenticate: null,
      challenge: null,
      location: null,
      bodySnippet: "",
      explanation: aborted ? explainTimeout(timeoutMs) : explainNetwork(`Appel de l'API impossible : ${scrub(message)}.`),
      ok: false,
    };
  } finally {
    clearTimeout(timer);
  }
}

function failedRecommended(checks: ExchangeReport["checks"]): string[] {
  return checks.filter((c) => !c.ok && c.level === "recommended").map((c) => `${c.label}${c.detail ? ` (${c.detail})` : ""}`);
}

export async function runTokenTest(options: RunOptions): Promise<{ report: TokenTestReport; secrets: Secrets | null }> {
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const scope = options.scope ?? DEFAULT_SCOPE;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const startedAt = options.clock();
  const grant: GrantParams = { grant: "password", username: options.username, password: options.password };
  const exchange = await exchangeToken(
    { tokenUrl: options.tokenUrl, clientId, scope, timeoutMs, fetch: options.fetch, clock: options.clock, ...(options.wallClock ? { wallClock: options.wallClock } : {}) },
    grant,
  );
  const token = exchange.token;
  const scrub = scrubber([options.password, token?.accessToken, token?.refreshToken]);
  const report = exchangeReport(exchange, options.tokenUrl, scrub);

  let idToken: TokenTestReport["idToken"] = null;
  let idTokenError: string | null = null;
  if (token?.idToken) {
    try {
      idToken = await inspectIdToken({
        idToken: token.idToken,
        accessToken: token.accessToken,
        clientId,
        username: options.username,
        nowMs: options.clock(),
        fetch: options.metadataFetch,
        profile: options.environment.id === CUSTOM_ENVIRONMENT_ID ? "guide" : "customs",
      });
    } catch (error) {
      idTokenError = `id_token illisible : ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  let apiCall: ApiCallReport | null = null;
  if (token && options.apiUrl) {
    apiCall = await callApi(options.apiUrl, token.accessToken, options.apiFetch ?? options.fetch, timeoutMs, scrub);
  }

  const warnings = [...failedRecommended(report.checks)];
  if (idToken) {
    for (const c of idToken.checks) {
      if (c.status === "fail") warnings.push(`id_token — ${c.label}${c.detail ? ` (${c.detail})` : ""}`);
      if (c.status === "skipped") warnings.push(`id_token — signature non vérifiée : ${c.detail ?? ""}`);
    }
  }
  if (idTokenError) warnings.push(idTokenError);
  if (report.clock?.significant) warnings.push(`Horloge décalée de ${Math.round(report.clock.offsetMs / 100) / 10} s par rapport au serveur.`);
  if (apiCall && !apiCall.ok) warnings.push(`Appel d'API : ${apiCall.explanation.title}`);

  const requiredIdFailures = idToken?.checks.some((c) => c.status === "fail" && c.level === "required") ?? false;
  const ok = report.outcome === "success";
  const title = !ok
    ? `${report.explanation?.title ?? "Échec"}`
    : requiredIdFailures
      ? "Jeton obtenu, mais l'id_token n'est pas conforme"
      : warnings.length > 0
        ? "Jeton obtenu, avec des remarques"
        : "Jeton obtenu : la réponse est conforme au guide";

  return {
    report: {
      runId: options.runId ?? null,
      environment: options.environment,
      tokenUrl: options.tokenUrl,
      identifiant: options.username,
      clientId,
      scope,
      startedAtIso: new Date(startedAt).toISOString(),
      startedAtParis: formatParis(startedAt),
      serverNowMs: options.clock(),
      verdict: { ok: ok && !requiredIdFailures, title, warnings },
      exchange: report,
      idToken,
      idTokenError,
      apiCall,
      refreshAvailable: Boolean(token?.refreshToken),
    },
    secrets: token ? { accessToken: token.accessToken, refreshToken: token.refreshToken } : null,
  };
}

export type RefreshOptions = {
  tokenUrl: string;
  refreshToken: string;
  clientId?: string;
  timeoutMs?: number;
  clock: () => number;
  wallClock?: () => number;
  fetch: FetchLike;
  runId?: string | null;
};

/** The "Rafraîchir" step: grant_type=refresh_token (RFC 6749 §6). */
export async function runRefresh(options: RefreshOptions): Promise<{ report: RefreshReport; secrets: Secrets | null }> {
  const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
  const exchange = await exchangeToken(
    {
      tokenUrl: options.tokenUrl,
      clientId,
      scope: DEFAULT_SCOPE,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      fetch: options.fetch,
      clock: options.clock,
      ...(options.wallClock ? { wallClock: options.wallClock } : {}),
    },
    { grant: "refresh_token", refreshToken: options.refreshToken },
  );
  const token = exchange.token;
  const scrub = scrubber([options.refreshToken, token?.accessToken, token?.refreshToken]);
  const report = exchangeReport(exchange, options.tokenUrl, scrub);
  const ok = report.outcome === "success";
  const rotated = Boolean(token?.refreshToken && token.refreshToken !== options.refreshToken);
  const warnings = failedRecommended(report.checks);
  if (ok && !token?.refreshToken) warnings.push("Pas de nouveau refresh_token : l'ancien reste à utiliser (RFC 6749 §6).");
  return {
    report: {
      runId: options.runId ?? null,
      serverNowMs: options.clock(),
      verdict: {
        ok,
        title: ok ? (rotated ? "Jeton rafraîchi (nouveau refresh_token émis)" : "Jeton rafraîchi") : `Rafraîchissement refusé : ${report.explanation?.title ?? "échec"}`,
        warnings,
      },
      exchange: report,
      rotated,
      refreshAvailable: ok,
    },
    secrets: token ? { accessToken: token.accessToken, refreshToken: token.refreshToken ?? options.refreshToken } : null,
  };
}
