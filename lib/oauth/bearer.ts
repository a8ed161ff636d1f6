/**
 * Bearer tokens on the resource side (pure): RFC 6750 §2.1 (the Authorization request header)
 * and §3 (the WWW-Authenticate response header).
 */

/** §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

export type BearerCredentials =
  /** No Authorization header, or another scheme (§3.1: no error code is given then). */
  | { kind: "none"; scheme?: string }
  | { kind: "token"; token: string }
  /** "Bearer" with a missing or malformed token (§3.1 invalid_request). */
  | { kind: "malformed"; reason: string };

export function parseBearerAuthorization(header: string | null): BearerCredentials {
  if (header === null) return { kind: "none" };
  const value = header.trim();
  if (value === "") return { kind: "none" };
  const space = value.indexOf(" ");
  const scheme = space === -1 ? value : value.slice(0, space);
  if (scheme.toLowerCase() !== "bearer") return { kind: "none", scheme };
  const token = space === -1 ? "" : value.slice(space + 1).trim();
  if (token === "") return { kind: "malformed", reason: "The Bearer scheme needs a token" };
  if (!B64TOKEN.test(token)) return { kind: "malformed", reason: "The Bearer token contains characters not allowed by RFC 6750" };
  return { kind: "token", token };
}

export type BearerError = "invalid_request" | "invalid_token" | "insufficient_scope";

export type ChallengeParams = { realm: string; error?: BearerError; errorDescription?: string; scope?: string };

/**
 * §3: quoted values may only hold %x20-21 / %x23-5B / %x5D-7E (printable ASCII without `"` and `\`):
 * anything else (accents included) is replaced, so the header always parses.
 */
export function headerSafe(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, "'");
}

export function bearerChallenge({ realm, error, errorDescription, scope }: ChallengeParams): string {
  const parts = [`realm="${headerSafe(realm)}"`];
  if (error) parts.push(`error="${error}"`);
  if (error && errorDescription) parts.push(`error_description="${headerSafe(errorDescription)}"`);
  if (scope) parts.push(`scope="${headerSafe(scope)}"`);
  return `Bearer ${parts.join(", ")}`;
}
