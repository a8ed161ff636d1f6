/**
 * One exchange with a token endpoint (RFC 6749 §4.3 password grant, §6 refresh): builds the
 * request exactly as SPEC describes it, measures latency and clock offset, reads the answer
 * strictly. Never throws for what the server or the network does: the outcome is in the result,
 * so the client can throw a typed error and the tester can show every step.
 */
import { clockOffsetFromDate, type ClockOffset } from "./clock-offset";
import {
  HttpStatusError,
  MalformedTokenResponseError,
  OAuthErrorResponse,
  TokenNetworkError,
  TokenTimeoutError,
  networkErrorCode,
  type TokenRequestError,
} from "./errors";
import { inspectTokenResponse, type GrantType, type TokenResponseVerdict, type TokenSet } from "./token-response";

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export type ExchangeConfig = {
  tokenUrl: string;
  clientId: string;
  scope: string;
  timeoutMs: number;
  fetch: FetchLike;
  /** Milliseconds since the epoch (used for `obtainedAtMs`, hence the token's expiry). */
  clock: () => number;
  /** The machine's real clock, compared with the server's `Date` header (default: `clock`). */
  wallClock?: () => number;
};

export type GrantParams =
  | { grant: "password"; username: string; password: string }
  | { grant: "refresh_token"; refreshToken: string };

export type TokenExchange = {
  grant: GrantType;
  /** Form fields in the order sent, secrets replaced by "***". */
  redactedFields: Array<[string, string]>;
  obtainedAtMs: number;
  latencyMs: number;
  status: number | null;
  headers: { contentType: string | null; cacheControl: string | null; date: string | null; retryAfter: string | null };
  /** The raw body (it holds tokens on success: never log or show it as is). */
  body: string;
  verdict: TokenResponseVerdict | null;
  clockOffset: ClockOffset | null;
  token: TokenSet | null;
  error: TokenRequestError | null;
};

/** Bodies larger than this are cut (a token response is a few kilobytes). */
export const MAX_TOKEN_BODY_BYTES = 256 * 1024;

export function grantFields(clientId: string, scope: string, params: GrantParams): Array<[string, string]> {
  if (params.grant === "password") {
    return [
      ["grant_type", "password"],
      ["client_id", clientId],
      ["scope", scope],
      ["username", params.username],
      ["password", params.password],
    ];
  }
  return [
    ["grant_type", "refresh_token"],
    ["client_id", clientId],
    ["refresh_token", params.refreshToken],
  ];
}

const SECRET_FIELDS = new Set(["password", "refresh_token"]);

export function redactFields(fields: Array<[string, string]>): Array<[string, string]> {
  return fields.map(([k, v]) => [k, SECRET_FIELDS.has(k) ? "***" : v]);
}

/** Reads at most `limit` bytes of a body as UTF-8 text. */
export async function readCapped(response: Response, limit: number): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = limit - size;
    chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
    size += Math.min(value.byteLength, room);
    if (size >= limit) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function describeNetworkError(error: unknown, url: string): TokenNetworkError {
  const code = networkErrorCode(error);
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    /* keep the raw URL */
  }
  const reasons: Record<string, string> = {
    ECONNREFUSED: `connexion refusée par ${host} (aucun serveur n'écoute)`,
    ENOTFOUND: `le nom d'hôte ${host} ne se résout pas (DNS)`,
    EAI_AGAIN: `résolution DNS de ${host} impossible pour le moment`,
    ECONNRESET: `connexion coupée par ${host}`,
    ETIMEDOUT: `délai de connexion à ${host} dépassé`,
    EHOSTUNREACH: `${host} est injoignable`,
    ENETUNREACH: `réseau injoignable pour ${host}`,
    CERT_HAS_EXPIRED: `le certificat TLS de ${host} a expiré`,
    DEPTH_ZERO_SELF_SIGNED_CERT: `le certificat TLS de ${host} est auto-signé`,
    SELF_SIGNED_CERT_IN_CHAIN: `la chaîne de certificats TLS de ${host} n'est pas reconnue`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `le certificat TLS de ${host} ne peut pas être vérifié`,
    ERR_TLS_CERT_ALTNAME_INVALID: `le certificat TLS ne correspond pas au nom ${host}`,
  };
  const reason = (code && reasons[code]) || (error instanceof Error && error.message !== "fetch failed" ? error.message : `échec de la connexion à ${host}`);
  return new TokenNetworkError(`Erreur réseau : ${reason}.`, code, error);
}

export async function exchangeToken(config: ExchangeConfig, params: GrantParams): Promise<TokenExchange> {
  const fields = grantFields(config.clientId, config.scope, params);
  const body = new URLSearchParams(fields).toString();
  const result: TokenExchange = {
    grant: params.grant,
    redactedFields: redactFields(fields),
    obtainedAtMs: config.clock(),
    latencyMs: 0,
    status: null,
    headers: { contentType: null, cacheControl: null, date: null, retryAfter: null },
    body: "",
    verdict: null,
    clockOffset: null,
    token: null,
    error: null,
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), config.timeoutMs);
  const started = performance.now();
  const wallClock = config.wallClock ?? config.clock;
  const sentAt = wallClock();
  try {
    const response = await config.fetch(config.tokenUrl, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body,
      redirect: "manual",
      cache: "no-store",
      signal: controller.signal,
    });
    result.status = response.status;
    result.headers = {
      contentType: response.headers.get("content-type"),
      cacheControl: response.headers.get("cache-control"),
      date: response.headers.get("date"),
      retryAfter: response.headers.get("retry-after"),
    };
    result.body = await readCapped(response, MAX_TOKEN_BODY_BYTES);
  } catch (error) {
    result.latencyMs = Math.round(performance.now() - started);
    result.error = controller.signal.aborted ? new TokenTimeoutError(config.timeoutMs) : describeNetworkError(error, config.tokenUrl);
    return result;
  } finally {
    clearTimeout(timer);
  }
  result.latencyMs = Math.round(performance.now() - started);
  result.clockOffset = clockOffsetFromDate(result.headers.date, sentAt, wallClock());

  const verdict = inspectTokenResponse({
    status: result.status,
    contentType: result.headers.contentType,
    cacheControl: result.headers.cacheControl,
    body: result.body,
    grant: params.grant,
  });
  result.verdict = verdict;
  switch (verdict.kind) {
    case "token":
      result.token = verdict.token;
      break;
    case "oauth":
      result.error = new OAuthErrorResponse(result.status, verdict.oauth.error, verdict.oauth.errorDescription, verdict.oauth.errorUri);
      break;
    case "http":
      result.error = new HttpStatusError(result.status, result.body.slice(0, 500), result.headers.retryAfter);
      break;
    case "malformed":
      result.error = new MalformedTokenResponseError(result.status, verdict.problems);
      break;
  }
  return result;
}
