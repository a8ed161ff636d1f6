/**
 * Which address a request comes from — the one answer every limiter and the audit use.
 *
 * The console's HTTP edge (server.ts → lib/http-edge/) knows the socket's peer address. It is the
 * client's address, unless the peer is one of the proxies the deployment trusts
 * (`TRUSTED_PROXIES`: addresses or CIDR ranges, comma-separated, e.g. `127.0.0.1, 10.0.0.0/8`).
 * Only then is `X-Forwarded-For` read, from the right: each entry appended by a trusted proxy is
 * skipped, and the first entry that is not a trusted proxy is the client. A header sent by anyone
 * else is ignored (and replaced by the edge before Next.js sees the request).
 *
 * The edge hands the result to the app in CLIENT_ADDRESS_HEADER, after deleting any copy the
 * client sent; the app believes that header only when the edge is running in this process
 * (`markEdgeRunning`), so `next start` or `next dev` without the edge never trusts a client value.
 *
 * Pure apart from the process-wide flag; no Next.js import (the edge loads it outside the bundle).
 */
import { BlockList, isIP } from "node:net";
import { log } from "../log";

export const CLIENT_ADDRESS_HEADER = "x-console-client-address";
export const UNKNOWN_ADDRESS = "inconnue";

/** "::ffff:10.0.0.1" → "10.0.0.1", "[::1]" → "::1"; anything that is not an IP address → null. */
export function normaliseAddress(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let value = raw.trim();
  // "[2001:db8::1]:443" or "[::1]"
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  // "203.0.113.7:51234" (some proxies append the port)
  const withPort = /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(value);
  if (withPort) value = withPort[1]!;
  value = value.replace(/%[0-9a-z]+$/i, ""); // zone id
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1]!;
  const family = isIP(value);
  if (family === 0) return null;
  return family === 6 ? value.toLowerCase() : value;
}

export type TrustedProxies = { readonly entries: readonly string[]; contains(address: string): boolean };

export class TrustedProxiesError extends Error {
  constructor(entry: string) {
    super(`TRUSTED_PROXIES : « ${entry} » n'est ni une adresse IP ni une plage CIDR (ex. : 127.0.0.1, 10.0.0.0/8, ::1).`);
    this.name = "TrustedProxiesError";
  }
}

/** Parses `TRUSTED_PROXIES` (empty or unset: no proxy is trusted). Throws on a bad entry. */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies {
  const list = new BlockList();
  const entries: string[] = [];
  for (const entry of (raw ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [base, prefixText, extra] = entry.split("/");
    const address = normaliseAddress(base);
    if (!address || extra !== undefined) throw new TrustedProxiesError(entry);
    const family = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefixText === undefined) {
      list.addAddress(address, family);
    } else {
      const prefix = Number(prefixText);
      if (!/^\d+$/.test(prefixText) || prefix > (family === "ipv6" ? 128 : 32)) throw new TrustedProxiesError(entry);
      list.addSubnet(address, prefix, family);
    }
    entries.push(entry);
  }
  return {
    entries,
    contains(address: string) {
      const normal = normaliseAddress(address);
      if (!normal) return false;
      return list.check(normal, isIP(normal) === 6 ? "ipv6" : "ipv4");
    },
  };
}

export type ResolvedClient = {
  /** The client's address (UNKNOWN_ADDRESS when the socket had none). */
  address: string;
  /** True when the request reached the console through a trusted proxy (its forwarded headers count). */
  viaTrustedProxy: boolean;
};

/**
 * The client of a request: the socket's peer, or — when that peer is a trusted proxy — the
 * right-most X-Forwarded-For entry that is not a trusted proxy. Malformed entries stop the walk
 * (the last address known good is the answer): a client cannot smuggle text into the audit.
 */
export function resolveClient(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): ResolvedClient {
  const peer = normaliseAddress(socketAddress);
  if (!peer) return { address: UNKNOWN_ADDRESS, viaTrustedProxy: false };
  if (!trusted.contains(peer)) return { address: peer, viaTrustedProxy: false };
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const hops = header.split(",").map((h) => h.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    if (!hop) break;
    client = hop;
    if (!trusted.contains(hop)) break;
  }
  return { address: client, viaTrustedProxy: true };
}

// ---------------------------------------------------------------------------------------------
// The app's side: read what the edge wrote.
// ---------------------------------------------------------------------------------------------

const EDGE_FLAG = Symbol.for("console.httpEdge");
type EdgeGlobal = { [EDGE_FLAG]?: boolean };

/** Called by the HTTP edge before it serves anything: CLIENT_ADDRESS_HEADER is now its own. */
export function markEdgeRunning(): void {
  (globalThis as EdgeGlobal)[EDGE_FLAG] = true;
}

export function edgeRunning(): boolean {
  return (globalThis as EdgeGlobal)[EDGE_FLAG] === true;
}

type HeaderSource = { get(name: string): string | null } | Record<string, unknown> | undefined | null;

function headerValue(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name);
  const raw = (headers as Record<string, unknown>)[name];
  if (Array.isArray(raw)) return typeof raw[0] === "string" ? raw[0] : null;
  return typeof raw === "string" ? raw : null;
}

let warnedWithoutEdge = false;

/**
 * The client's address of a request, as the edge resolved it. Without the edge in this process
 * (plain `next start`/`next dev`), no header is believed: every client is UNKNOWN_ADDRESS, and a
 * warning says how to start the console.
 */
export function clientAddressOf(headers: HeaderSource): string {
  if (!edgeRunning()) {
    if (!warnedWithoutEdge) {
      warnedWithoutEdge = true;
      log.warn("client_address_unknown", {
        reason: "La console n'est pas servie par server.ts (npm start) : l'adresse des clients est inconnue, les limites la partagent.",
      });
    }
    return UNKNOWN_ADDRESS;
  }
  return normaliseAddress(headerValue(headers, CLIENT_ADDRESS_HEADER)) ?? UNKNOWN_ADDRESS;
}
