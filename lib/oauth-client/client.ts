/**
 * The token client ("mutualisation du jeton", SPEC): one cached access token shared by every
 * request of a process, renewed only when expired, about to expire or rejected.
 *
 *  - getToken(): the cached token while valid; at most ONE token request in flight whatever the
 *    concurrency (single flight); renews within `safetyMarginSeconds` of expiry; a failed request
 *    is reported to every caller waiting on it and never cached (the next call tries again).
 *  - fetch(url, init): adds `Authorization: Bearer …`; on 401 + `WWW-Authenticate: Bearer
 *    error="invalid_token"` drops that token, gets a new one and retries ONCE; a second rejection
 *    is a TokenRejectedError (no loop).
 *
 * No dependency beyond Node.js ≥ 20 (global fetch). Clock: `clock` (milliseconds since the
 * epoch) is injectable; it defaults to the system clock. Timeouts use real timers.
 */
import { exchangeToken, type ExchangeConfig, type FetchLike, type TokenExchange } from "./exchange";
import { TokenRejectedError } from "./errors";
import type { ClockOffset } from "./clock-offset";
import { parseBearerChallenge } from "./www-authenticate";
import type { TokenSet } from "./token-response";

export type TokenClientConfig = {
  /** e.g. https://connexion-api-form.douane.gouv.fr/oauth2/token */
  tokenUrl: string;
  /** The API account's identifiant. */
  username: string;
  password: string;
  /** Default "gun-api" (SPEC: always gun-api). */
  clientId?: string;
  /** Default "openid" (SPEC: always openid). */
  scope?: string;
  /** Renew this many seconds before expiry (default 30). Capped at half the token's lifetime. */
  safetyMarginSeconds?: number;
  /** Timeout of one token request, body included, in milliseconds (default 10,000). */
  timeoutMs?: number;
  /** Milliseconds since the epoch; default the system clock. */
  clock?: () => number;
  /** Default the global fetch. Used for token requests and API calls. */
  fetch?: FetchLike;
  /** Called after every token request, successful or not (metrics, logs — never log the body). */
  onTokenRequest?: (exchange: TokenExchange) => void;
};

export type AccessToken = TokenSet & {
  /** When the request was sent, by the client's clock. */
  obtainedAtMs: number;
  /** obtainedAtMs + expires_in (by the client's clock). */
  expiresAtMs: number;
};

export const DEFAULT_CLIENT_ID = "gun-api";
export const DEFAULT_SCOPE = "openid";
export const DEFAULT_SAFETY_MARGIN_SECONDS = 30;
export const DEFAULT_TIMEOUT_MS = 10_000;

// The documented exception to lib/clock.ts: a standalone library defaults to the system clock.
// eslint-disable-next-line no-restricted-syntax
const systemClock = () => Date.now();

export class TokenClient {
  private readonly exchangeConfig: ExchangeConfig;
  private readonly username: string;
  private readonly password: string;
  private readonly marginMs: number;
  private readonly onTokenRequest: ((exchange: TokenExchange) => void) | undefined;
  private cached: AccessToken | null = null;
  private inflight: Promise<AccessToken> | null = null;
  private offset: ClockOffset | null = null;
  private requests = 0;

  constructor(config: TokenClientConfig) {
    if (!config.tokenUrl) throw new TypeError("tokenUrl est obligatoire.");
    if (!config.username) throw new TypeError("username est obligatoire.");
    if (typeof config.password !== "string" || config.password.length === 0) throw new TypeError("password est obligatoire.");
    const margin = config.safetyMarginSeconds ?? DEFAULT_SAFETY_MARGIN_SECONDS;
    if (!(margin >= 0)) throw new TypeError("safetyMarginSeconds doit être positif ou nul.");
    const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(timeoutMs > 0)) throw new TypeError("timeoutMs doit être strictement positif.");
    const fetchImpl = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.exchangeConfig = {
      tokenUrl: config.tokenUrl,
      clientId: config.clientId ?? DEFAULT_CLIENT_ID,
      scope: config.scope ?? DEFAULT_SCOPE,
      timeoutMs,
      fetch: fetchImpl,
      clock: config.clock ?? systemClock,
    };
    this.username = config.username;
    this.password = config.password;
    this.marginMs = margin * 1000;
    this.onTokenRequest = config.onTokenRequest;
  }

  /** A valid access token: the cached one, the one being fetched, or a new one. */
  getToken(): Promise<AccessToken> {
    const token = this.cached;
    if (token && this.isFresh(token)) return Promise.resolve(token);
    if (this.inflight) return this.inflight;
    const request = this.requestToken().finally(() => {
      if (this.inflight === request) this.inflight = null;
    });
    this.inflight = request;
    return request;
  }

  /**
   * Drops the cached token — only if it is still `token` when given (a caller holding an old,
   * rejected token must not throw away the new one another caller just obtained).
   */
  invalidate(token?: AccessToken | string): void {
    if (!this.cached) return;
    if (token !== undefined) {
      const value = typeof token === "string" ? token : token.accessToken;
      if (this.cached.accessToken !== value) return;
    }
    this.cached = null;
  }

  /** fetch() with the shared Bearer token, renewed and retried once when the API says invalid_token. */
  async fetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
    const first = await this.getToken();
    const response = await this.send(input, init, first);
    if (!isInvalidToken(response)) return response;
    await response.body?.cancel().catch(() => undefined);
    this.invalidate(first);
    const second = await this.getToken();
    const retried = await this.send(input, init, second);
    if (!isInvalidToken(retried)) return retried;
    this.invalidate(second);
    throw new TokenRejectedError(retried.status, parseBearerChallenge(retried.headers.get("www-authenticate")), retried);
  }

  /** Server clock minus ours, from the `Date` header of the last token response (null before). */
  get clockOffset(): ClockOffset | null {
    return this.offset;
  }

  /** Token requests sent since creation (for metrics and tests). */
  get tokenRequestCount(): number {
    return this.requests;
  }

  private isFresh(token: AccessToken): boolean {
    const lifetime = token.expiresAtMs - token.obtainedAtMs;
    const margin = Math.min(this.marginMs, lifetime / 2);
    return this.exchangeConfig.clock() < token.expiresAtMs - margin;
  }

  private async requestToken(): Promise<AccessToken> {
    this.requests++;
    const exchange = await exchangeToken(this.exchangeConfig, { grant: "password", username: this.username, password: this.password });
    if (exchange.clockOffset) this.offset = exchange.clockOffset;
    try {
      this.onTokenRequest?.(exchange);
    } catch {
      /* an observer's failure must not break token delivery */
    }
    if (exchange.error || !exchange.token) throw exchange.error ?? new Error("Réponse de jeton inattendue.");
    const token: AccessToken = {
      ...exchange.token,
      obtainedAtMs: exchange.obtainedAtMs,
      expiresAtMs: exchange.obtainedAtMs + exchange.token.expiresIn * 1000,
    };
    this.cached = token;
    return token;
  }

  private send(input: string | URL, init: RequestInit, token: AccessToken): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${token.accessToken}`);
    return this.exchangeConfig.fetch(input, { ...init, headers });
  }
}

function isInvalidToken(response: Response): boolean {
  return response.status === 401 && parseBearerChallenge(response.headers.get("www-authenticate"))?.error === "invalid_token";
}

export function createTokenClient(config: TokenClientConfig): TokenClient {
  return new TokenClient(config);
}


