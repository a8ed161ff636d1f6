/**
 * The customs side's lean HTTP service: Node's http/https servers in front of the `lib/oauth`
 * handlers (./routes.ts) — no Next.js in the path. It shares the database, the demo clock and the
 * cross-instance invalidation with the portal, so any number of instances of either answer as one
 * service. Each host has its own port; TLS with the local authority's certificate (./tls.ts).
 *
 * Per request: the client address from the socket (or a trusted proxy's X-Forwarded-For, as the
 * portal's edge does), the path decoded or 400, the body read up to 64 kB or 413, the handler's
 * Response written back with the portal's static security headers (and HSTS over TLS).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { guardStreams, inspectRequest, sendRefusal } from "../http-edge/edge";
import type { TrustedProxies } from "../net/client-address";
import { HSTS_HEADER, STATIC_SECURITY_HEADERS } from "../security/headers";
import { log } from "../log";
import { routeFor, type CustomsHost } from "./routes";

export const MAX_BODY_BYTES = 64 * 1024;

export type HostOptions = {
  host: CustomsHost;
  port: number;
  tls?: { cert: Buffer | string; key: Buffer | string };
  /** The host's public base URL (CUSTOMS_TOKEN_BASE_URL / CUSTOMS_API_BASE_URL) when it differs from where it listens (behind a proxy). */
  publicUrl?: string;
};

export type RunningHost = { host: CustomsHost; url: string; server: Server };

const BASE_HEADERS: Record<string, string> = Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key, h.value]));

function jsonError(res: ServerResponse, status: number, error: string, description: string) {
  const body = JSON.stringify({ error, error_description: description });
  res.writeHead(status, { ...BASE_HEADERS, "Content-Type": "application/json;charset=UTF-8", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<Buffer | "too_large"> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_BODY_BYTES) return "too_large";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return "too_large";
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(":")) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

async function handle(host: CustomsHost, origin: string, secure: boolean, trustedProxies: TrustedProxies, req: IncomingMessage, res: ServerResponse) {
  guardStreams(req, res);
  const refusal = inspectRequest(req, { trustedProxies, actions: null });
  if (refusal) {
    sendRefusal(req, res, refusal);
    return;
  }
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", origin);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname; // refused by inspectRequest already; never a 500
  }
  const handler = routeFor(host, method, path);
  const body = method === "GET" || method === "HEAD" ? null : await readBody(req);
  if (body === "too_large") {
    req.resume();
    jsonError(res, 413, "invalid_request", `Requête trop volumineuse (${MAX_BODY_BYTES} octets au plus).`);
    return;
  }
  const request = new Request(url, { method, headers: toHeaders(req), body: body && body.length > 0 ? (body as unknown as BodyInit) : null });
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    log.error("customs_service_error", { host, path: url.pathname, error: error instanceof Error ? error.message : "inconnue" });
    jsonError(res, 500, "server_error", "Erreur interne du service douane simulé.");
    return;
  }
  const headers: Record<string, string | string[]> = { ...BASE_HEADERS };
  if (secure) headers[HSTS_HEADER.key] = HSTS_HEADER.value;
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const payload = method === "HEAD" ? null : Buffer.from(await response.arrayBuffer());
  if (payload) headers["content-length"] = String(payload.length);
  res.writeHead(response.status, headers);
  res.end(payload ?? undefined);
}

/** Starts one host; `port: 0` picks a free port (tests). */
export async function startCustomsHost(options: HostOptions & { hostname: string; trustedProxies: TrustedProxies }): Promise<RunningHost> {
  const secure = Boolean(options.tls);
  let url = "";
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(options.host, url, secure, options.trustedProxies, req, res).catch(() => {
      if (!res.headersSent) jsonError(res, 500, "server_error", "Erreur interne du service douane simulé.");
      else res.destroy();
    });
  };
  const server: Server = options.tls
    ? (createHttpsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: "TLSv1.2" }, listener) as unknown as Server)
    : createHttpServer(listener);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.hostname.includes(":") ? `[${options.hostname}]` : options.hostname;
  // Requests are built on the public URL: the issuer (lib/oauth/issuer.ts) recognises its own host.
  url = options.publicUrl?.replace(/\/+$/, "") || `${secure ? "https" : "http"}://${shownHost}:${port}`;
  return { host: options.host, url, server };
}

export function stopHost(running: RunningHost): Promise<void> {
  return new Promise((resolve) => {
    running.server.closeAllConnections?.();
    running.server.close(() => resolve());
  });
}
