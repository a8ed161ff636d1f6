/**
 * The console's HTTP edge: what every request goes through before Next.js sees it (server.ts).
 *  - the client's address, from the socket (or, behind a trusted proxy, X-Forwarded-For): handed
 *    to the app in CLIENT_ADDRESS_HEADER (lib/net/client-address.ts), any client copy deleted;
 *  - forwarded headers (X-Forwarded-Host/-Proto/-Port/-For, Forwarded) from anyone but a trusted
 *    proxy are dropped: Next.js would otherwise believe them (server action origin check, HSTS);
 *  - a path that does not decode (`/dh7/%ZZ`) is answered 400 here, in JSON for the machine
 *    endpoints (RFC 6750 `invalid_request` for the simulated APIs) — Next.js answered 500;
 *  - a server action call (POST with `Next-Action`) must name an action of the addressed page
 *    (404 otherwise) and, when it says where it comes from, come from this very host (403);
 *  - a client that goes away mid-request is not an uncaught exception.
 * No Next.js import: server.ts wires it to Next's request handler.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER, resolveClient, type TrustedProxies } from "../net/client-address";
import type { ActionRoutes } from "./actions";

/** Route folders of the machine endpoints (app/<prefix>/): they answer JSON, never HTML. */
export const SIMULATED_API_PREFIXES = ["dh7", "gamma2", "deltaie", "pnts", "example"] as const;
export const MACHINE_PREFIXES = [...SIMULATED_API_PREFIXES, "oauth2", ".well-known", "recepteur-demo", "api"] as const;

const FORWARDED_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-for", "forwarded", "x-real-ip"];

export type EdgeOptions = {
  trustedProxies: TrustedProxies;
  /** The production build's actions (null: no check, e.g. the dev server). */
  actions: ActionRoutes | null;
};

export type Refusal = { status: number; headers: Record<string, string>; body: string };

const BASE_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

function firstSegment(path: string): string {
  return path.split("/")[1] ?? "";
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Refusal {
  return { status, headers: { ...BASE_HEADERS, "Content-Type": "application/json;charset=UTF-8", ...headers }, body: JSON.stringify(body) };
}

function page(status: number, title: string, text: string): Refusal {
  const body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Retour à l'accueil</a></p></main></body></html>`;
  return { status, headers: { ...BASE_HEADERS, "Content-Type": "text/html;charset=UTF-8" }, body };
}

/** The 400 of a path that does not decode, in the dialect of the endpoint it aimed at. */
export function malformedPathRefusal(rawPath: string): Refusal {
  const prefix = firstSegment(rawPath);
  const description = "Chemin de requête mal encodé (séquence % invalide).";
  if ((SIMULATED_API_PREFIXES as readonly string[]).includes(prefix)) {
    return json(
      400,
      { error: "invalid_request", error_description: description },
      { "WWW-Authenticate": `Bearer realm="api-douane-simulateur", error="invalid_request", error_description="Malformed request path"` },
    );
  }
  if (prefix === "recepteur-demo") return json(400, { erreur: "chemin_invalide", message: description });
  if ((MACHINE_PREFIXES as readonly string[]).includes(prefix)) return json(400, { error: "invalid_request", error_description: description });
  return page(400, "Adresse invalide", "Cette adresse est mal formée (séquence % invalide). Vérifiez le lien ou repartez de l'accueil.");
}

/** The decoded path, or null when it does not decode (a lone `%`, `%ZZ`, invalid UTF-8). */
export function decodedPath(rawUrl: string): string | null {
  const path = rawUrl.split("?")[0]!.split("#")[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Is `origin` (the Origin header) this host? "null", garbage and other hosts are not. */
export function sameHost(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === "http:" || url.protocol === "https:") && url.host.toLowerCase() === host.toLowerCase();
  } catch {
    return false;
  }
}

/**
 * Prepares a request for Next.js (client address, forwarded headers), or says why it is refused.
 * Mutates `req.headers`.
 */
export function inspectRequest(req: IncomingMessage, options: EdgeOptions): Refusal | null {
  const headers = req.headers;
  const client = resolveClient(req.socket?.remoteAddress, headers["x-forwarded-for"], options.trustedProxies);
  delete headers[CLIENT_ADDRESS_HEADER];
  if (!client.viaTrustedProxy) {
    for (const name of FORWARDED_HEADERS) delete headers[name];
  }
  headers[CLIENT_ADDRESS_HEADER] = client.address;
  // Next.js fills what is missing from the socket; the address it would log is the client's.
  headers["x-forwarded-for"] = client.viaTrustedProxy ? headers["x-forwarded-for"] : client.address;

  const rawUrl = req.url ?? "/";
  const path = decodedPath(rawUrl);
  if (path === null) return malformedPathRefusal(rawUrl);

  const actionId = single(headers["next-action"]);
  if (req.method === "POST" && actionId !== undefined) {
    const origin = single(headers.origin);
    const host = (client.viaTrustedProxy ? single(headers["x-forwarded-host"])?.split(",")[0]?.trim() : undefined) ?? single(headers.host);
    if (origin !== undefined && !sameHost(origin, host)) {
      return page(403, "Requête refusée", "Cette action ne peut être envoyée que depuis une page de la console.");
    }
    if (options.actions && options.actions.size > 0 && !options.actions.accepts(actionId, path)) {
      return page(404, "Action introuvable", "Cette action n'existe pas sur cette page : rechargez la page et recommencez.");
    }
  }
  return null;
}

/** Answers a refusal (the unread body, if any, is drained so the connection can be reused). */
export function sendRefusal(req: IncomingMessage, res: ServerResponse, refusal: Refusal): void {
  req.resume();
  res.writeHead(refusal.status, { ...refusal.headers, "Content-Length": Buffer.byteLength(refusal.body) });
  res.end(req.method === "HEAD" ? undefined : refusal.body);
}

/** A client that disconnects mid-request ("aborted", ECONNRESET) ends its own request, nothing more. */
export function guardStreams(req: IncomingMessage, res: ServerResponse): void {
  req.on("error", () => undefined);
  res.on("error", () => undefined);
}
