/** HTTP helpers of the machine endpoints (token endpoint, JWKS, simulated APIs). */
import { clientAddressOf } from "../net/client-address";

/** RFC 6749 §5.1: responses carrying tokens (and their errors) must not be cached. */
export const NO_STORE_HEADERS = { "Cache-Control": "no-store", Pragma: "no-cache" } as const;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json;charset=UTF-8", ...headers },
  });
}

/** RFC 6749 §5.2 error body: `error` + `error_description`. */
export function oauthErrorResponse(status: number, error: string, description: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { error, error_description: description }, { ...NO_STORE_HEADERS, ...headers });
}

/** The client's address (lib/net/client-address.ts: the socket's, or a trusted proxy's X-Forwarded-For). */
export function clientAddress(request: Request): string {
  return clientAddressOf(request.headers);
}

export function methodNotAllowed(allow: string): Response {
  return oauthErrorResponse(405, "invalid_request", `Méthode non autorisée : utilisez ${allow}.`, { Allow: allow });
}
