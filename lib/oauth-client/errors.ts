/**
 * Typed errors of the token client. Every failure of a token request is one of these, so a
 * caller can branch on `kind` (or `instanceof`) and show `message` (French) to a person.
 */
import type { BearerChallenge } from "./www-authenticate";

export type TokenErrorKind = "oauth" | "http" | "malformed" | "timeout" | "network" | "rejected";

export abstract class TokenClientError extends Error {
  abstract readonly kind: TokenErrorKind;
  /** HTTP status of the response that caused the error (null when no response arrived). */
  readonly status: number | null;
  constructor(message: string, status: number | null, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}

/** The token server answered an OAuth 2.0 error (RFC 6749 §5.2): `error` and optional `error_description`. */
export class OAuthErrorResponse extends TokenClientError {
  readonly kind = "oauth" as const;
  declare readonly status: number;
  constructor(
    status: number,
    readonly error: string,
    readonly errorDescription: string | null,
    readonly errorUri: string | null = null,
  ) {
    super(`Erreur OAuth ${error} (HTTP ${status})${errorDescription ? ` : ${errorDescription}` : ""}`, status);
    this.name = "OAuthErrorResponse";
  }
}

/** Any status other than 200 that does not carry an OAuth error object. */
export class HttpStatusError extends TokenClientError {
  readonly kind = "http" as const;
  declare readonly status: number;
  constructor(
    status: number,
    readonly bodySnippet: string,
    readonly retryAfter: string | null = null,
  ) {
    super(`Le serveur de jetons a répondu HTTP ${status} sans erreur OAuth exploitable.`, status);
    this.name = "HttpStatusError";
  }
}

/** HTTP 200 whose body is not the JSON object the guide describes; `problems` says what is wrong. */
export class MalformedTokenResponseError extends TokenClientError {
  readonly kind = "malformed" as const;
  constructor(
    status: number,
    readonly problems: readonly string[],
  ) {
    super(`Réponse de jeton non conforme : ${problems.join(" ; ")}`, status);
    this.name = "MalformedTokenResponseError";
  }
}

/** No complete answer within the configured timeout. */
export class TokenTimeoutError extends TokenClientError {
  readonly kind = "timeout" as const;
  constructor(readonly timeoutMs: number) {
    super(`Pas de réponse complète du serveur de jetons en ${timeoutMs} ms.`, null);
    this.name = "TokenTimeoutError";
  }
}

/** The connection failed (DNS, refused, TLS…). */
export class TokenNetworkError extends TokenClientError {
  readonly kind = "network" as const;
  constructor(
    message: string,
    readonly code: string | null,
    cause?: unknown,
  ) {
    super(message, null, { cause });
    this.name = "TokenNetworkError";
  }
}

/** An API rejected a freshly obtained token too (after the one retry): no loop, the caller decides. */
export class TokenRejectedError extends TokenClientError {
  readonly kind = "rejected" as const;
  declare readonly status: number;
  constructor(
    status: number,
    readonly challenge: BearerChallenge | null,
    readonly response: Response,
  ) {
    super(
      `L'API a refusé le jeton deux fois de suite (HTTP ${status}${challenge?.error ? `, ${challenge.error}` : ""}${
        challenge?.errorDescription ? ` : ${challenge.errorDescription}` : ""
      }).`,
      status,
    );
    this.name = "TokenRejectedError";
  }
}

/** Network-level error code of a failed fetch (undici puts it on `cause`). */
export function networkErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** What a token request can fail with (narrow on `kind`). */
export type TokenRequestError = OAuthErrorResponse | HttpStatusError | MalformedTokenResponseError | TokenTimeoutError | TokenNetworkError;
