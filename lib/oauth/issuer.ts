/**
 * Which issuer answers a request. The simulator is reachable two ways — the customs service's
 * token host (customs-service.ts, CUSTOMS_TOKEN_BASE_URL) and the portal's own routes (app/oauth2,
 * app/.well-known) — and each keeps a coherent identity, as before: a request that reached the
 * token host is answered by the token host's issuer (discovery, `iss`), any other by the portal's.
 * Only those two configured values can come out: a client's Host header never becomes an issuer.
 * One service behind both: the tokens are the same rows, valid on every host.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { consoleBaseUrl, customsBaseUrls, simulatorEndpointsAt, type SimulatorEndpoints } from "./environments";

const current = new AsyncLocalStorage<string>();

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** The issuer for a request's URL: the token host's when it reached it, else the portal's. */
export function issuerForRequest(requestUrl: string): string {
  const token = process.env.CUSTOMS_TOKEN_BASE_URL ? customsBaseUrls().token : null;
  if (token && originOf(requestUrl) === originOf(token)) return token;
  return consoleBaseUrl();
}

export function endpointsForRequest(request: Request): SimulatorEndpoints {
  return simulatorEndpointsAt(issuerForRequest(request.url));
}

/** Runs `fn` with the request's issuer as the one id_tokens are signed for. */
export function withRequestIssuer<T>(request: Request, fn: () => Promise<T>): Promise<T> {
  return current.run(issuerForRequest(request.url), fn);
}

/** The issuer of the request being served (outside a request: the public one, lib/oauth/environments.ts). */
export function currentIssuer(fallback: string): string {
  return current.getStore() ?? fallback;
}
