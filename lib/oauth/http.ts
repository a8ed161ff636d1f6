/** HTTP helpers of the machine endpoints (token endpoint, JWKS, simulated APIs). */
import { isIP } from "node:net";

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

/**
 * The client's address: the right-most X-Forwarded-For entry. `next start` sets the header to the
 * socket's address when the request has none; behind a reverse proxy, the proxy must set or append
 * it (nginx: `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;`).
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").pop()?.trim();
  if (!last) return "inconnue";
  const bare = last.replace(/^\[|\]$/g, "").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return isIP(bare) ? bare : bare.slice(0, 64);
}

export function methodNotAllowed(allow: string): Response {
  return oauthErrorResponse(405, "invalid_request", `Méthode non autorisée : utilisez ${allow}.`, { Allow: allow });
}
