/**
 * The tester's report: serialisable, shown by the page and printed by the CLI. It never holds a
 * secret — no password, no access/refresh token, no raw token body. Types only (safe for the browser).
 */
import type { Check } from "../oauth-client/token-response";
import type { BearerChallenge } from "../oauth-client/www-authenticate";
import type { IdTokenReport } from "./id-token";
import type { Explanation } from "./explain";

export type Outcome = "success" | "oauth_error" | "http_error" | "invalid_response" | "timeout" | "network_error" | "url_refused";

export const OUTCOME_LABELS: Record<Outcome, string> = {
  success: "Jeton obtenu",
  oauth_error: "Erreur OAuth",
  http_error: "Erreur HTTP",
  invalid_response: "Réponse non conforme",
  timeout: "Délai dépassé",
  network_error: "Connexion impossible",
  url_refused: "URL refusée",
};

export type TokenInfo = {
  tokenType: string;
  expiresIn: number;
  /** Expiry by the console's clock (ms since the epoch) and in Europe/Paris. */
  expiresAtMs: number;
  expiresAtParis: string;
  accessTokenLength: number;
  /** e.g. "64 caractères hexadécimaux (comme l'exemple du guide)". */
  accessTokenShape: string;
  refreshTokenPresent: boolean;
  refreshTokenShape: string | null;
  scope: string | null;
};

export type ApiCallReport = {
  url: string;
  method: "GET";
  status: number | null;
  latencyMs: number;
  contentType: string | null;
  wwwAuthenticate: string | null;
  challenge: BearerChallenge | null;
  location: string | null;
  /** The first 2 kB of the body, tokens and password removed. */
  bodySnippet: string;
  explanation: Explanation;
  ok: boolean;
};

export type ClockReport = {
  offsetMs: number;
  uncertaintyMs: number;
  serverDate: string;
  significant: boolean;
  advice: string | null;
};

export type ExchangeReport = {
  grant: "password" | "refresh_token";
  curl: string;
  status: number | null;
  latencyMs: number;
  contentType: string | null;
  checks: Check[];
  outcome: Outcome;
  error: { code: string | null; description: string | null; problems: string[]; bodySnippet: string | null } | null;
  explanation: Explanation | null;
  token: TokenInfo | null;
  clock: ClockReport | null;
};

export type TokenTestReport = {
  /** The TokenTestRun id (null in the CLI). */
  runId: string | null;
  environment: { id: string; label: string };
  tokenUrl: string;
  identifiant: string;
  clientId: string;
  scope: string;
  startedAtIso: string;
  startedAtParis: string;
  /** The console's clock when the report was made (the page's countdown starts from it). */
  serverNowMs: number;
  /** Summary, in French. */
  verdict: { ok: boolean; title: string; warnings: string[] };
  exchange: ExchangeReport;
  idToken: IdTokenReport | null;
  idTokenError: string | null;
  apiCall: ApiCallReport | null;
  /** A refresh step can follow (a refresh token was received and kept server-side). */
  refreshAvailable: boolean;
};

export type RefreshReport = {
  runId: string | null;
  serverNowMs: number;
  verdict: { ok: boolean; title: string; warnings: string[] };
  exchange: ExchangeReport;
  /** The server issued a new refresh token (rotation). */
  rotated: boolean;
  refreshAvailable: boolean;
};
