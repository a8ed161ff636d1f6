/**
 * Outbound HTTP to untrusted URLs (test callbacks, token tester), one helper for the console:
 *  - `policyFetch` applies the outbound policy (./outbound.ts) right before every call — syntax
 *    and every DNS answer — for a clear French refusal, and never follows a redirect;
 *  - its default transport (`pinnedFetch`, node:http/https) checks again the addresses the socket
 *    really connects to (the `lookup` hook), so a DNS answer that changes between the check and
 *    the connection (DNS rebinding) cannot reach a private or loopback address.
 * `trustedFetch` is for the configured environments' own URLs (trusted configuration).
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { Readable } from "node:stream";
import type { FetchLike } from "../oauth-client/exchange";
import { checkAddress, checkUrlResolved, systemResolveAll, type OutboundOptions } from "./outbound";

export type { FetchLike };

/** A call the console did not make: refused by the policy, or (`dns`) a host name that does not resolve. */
export class OutboundRefusedError extends Error {
  constructor(
    reason: string,
    readonly dns = false,
  ) {
    super(reason);
    this.name = "OutboundRefusedError";
  }
}

/** The outbound refusal inside an error (possibly wrapped as `cause`), if any. */
export function outboundRefusal(error: unknown): OutboundRefusedError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (current instanceof OutboundRefusedError) return current;
    current = current && typeof current === "object" ? (current as { cause?: unknown }).cause : null;
  }
  return null;
}

const systemFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/** DNS for the socket itself: every answer is checked against the policy before connecting. */
function guardedLookup(options: OutboundOptions): LookupFunction {
  const resolveAll = options.resolve ?? systemResolveAll;
  return ((hostname: string, lookupOptions: { family?: number | string; all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolveAll(hostname)
      .then((answers) => {
        const addresses = answers.map((a) => ({ address: a.address, family: a.family ?? (isIP(a.address) || 4) }));
        for (const { address } of addresses) {
          const verdict = checkAddress(address, options);
          if (!verdict.ok) throw new OutboundRefusedError(`« ${hostname} » pointe vers ${address} : ${verdict.reason}.`);
        }
        const family = lookupOptions.family === "IPv4" ? 4 : lookupOptions.family === "IPv6" ? 6 : Number(lookupOptions.family ?? 0);
        const usable = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
        if (usable.length === 0) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname });
        if (lookupOptions.all) callback(null, usable);
        else callback(null, usable[0]!.address, usable[0]!.family);
      })
      .catch((error: unknown) => callback(error, lookupOptions.all ? [] : "", 0));
  }) as unknown as LookupFunction;
}

function bodyBytes(body: RequestInit["body"]): Buffer | null {
  if (body === undefined || body === null) return null;
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof URLSearchParams) return Buffer.from(body.toString(), "utf8");
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError("Corps de requête non pris en charge (chaîne, URLSearchParams ou octets attendus).");
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function toResponse(res: IncomingMessage): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) {
    res.destroy();
    throw Object.assign(new Error(`statut HTTP invalide (${status})`), { code: "ERR_INVALID_HTTP_STATUS" });
  }
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    try {
      headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
    } catch {
      /* a header value fetch would refuse: left out */
    }
  }
  let body: ReadableStream<Uint8Array> | null = null;
  if (NULL_BODY_STATUSES.has(status)) res.resume();
  else body = Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>;
  try {
    return new Response(body, { status, statusText: res.statusMessage ?? "", headers });
  } catch {
    return new Response(body, { status, headers }); // a reason phrase fetch would refuse
  }
}

/**
 * A fetch over node:http/https whose DNS answers (and literal addresses) are checked against the
 * policy at connection time. No redirect is ever followed (a 3xx is returned as is), no connection
 * is reused. Timeouts come from the caller's `signal`.
 */
export function pinnedFetch(options: OutboundOptions): FetchLike {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      let url: URL;
      let body: Buffer | null;
      try {
        url = new URL(String(input));
        if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`Protocole non pris en charge : ${url.protocol}`);
        const literal = url.hostname.replace(/^\[|\]$/g, "");
        if (isIP(literal)) {
          const verdict = checkAddress(literal, options);
          if (!verdict.ok) throw new OutboundRefusedError(`Adresse ${url.hostname} : ${verdict.reason}.`);
        }
        body = bodyBytes(init.body);
      } catch (error) {
        reject(error);
        return;
      }
      const headers = new Headers(init.headers);
      if (body && !headers.has("content-length")) headers.set("content-length", String(body.byteLength));
      const outgoing: Record<string, string> = {};
      headers.forEach((value, key) => {
        outgoing[key] = value;
      });
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      let req: ReturnType<typeof httpRequest>;
      try {
        req = send(url, {
          method: init.method ?? "GET",
          headers: outgoing,
          lookup: guardedLookup(options),
          agent: false,
          ...(init.signal ? { signal: init.signal } : {}),
        });
      } catch (error) {
        reject(error);
        return;
      }
      req.on("response", (res) => {
        try {
          resolve(toResponse(res));
        } catch (error) {
          reject(error);
        }
      });
      req.on("error", reject);
      req.end(body ?? undefined);
    });
}

/** The policy checked before every call (clear refusal), then the pinned transport (or `base`, e.g. in tests). */
export function policyFetch(options: OutboundOptions, base?: FetchLike): FetchLike {
  const transport = base ?? pinnedFetch(options);
  return async (input, init) => {
    const url = String(input);
    const verdict = await checkUrlResolved(url, options);
    if (!verdict.ok) throw new OutboundRefusedError(verdict.reason, verdict.dns === true);
    return transport(url, { ...init, redirect: "manual" });
  };
}

/** Plain fetch for the configured environments' own URLs (trusted configuration), no redirect either. */
export function trustedFetch(base: FetchLike = systemFetch): FetchLike {
  return (input, init) => base(input, { ...init, redirect: "manual" });
}

/** Same scheme, host and port. */
export function sameOrigin(a: string, b: string | null | undefined): boolean {
  if (!b) return false;
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
