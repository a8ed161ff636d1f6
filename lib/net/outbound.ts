/**
 * Outbound HTTP policy (test callbacks, token tester): which URLs the console may call.
 *  - https, or plain http only for loopback hosts when loopback is allowed;
 *  - never credentials in the URL, at most 2,048 characters;
 *  - private, link-local, loopback (unless allowed), multicast and reserved addresses refused,
 *    checked on the literal host AND on every address DNS resolves it to.
 * Loopback is allowed when OUTBOUND_ALLOW_LOOPBACK=1 (the demo run command sets it).
 */
import { BlockList, isIP } from "node:net";
import { lookup as systemLookup } from "node:dns/promises";

export const MAX_URL_LENGTH = 2048;

/** Every address a host name resolves to (the system resolver by default; tests may simulate DNS). */
export type ResolveAll = (hostname: string) => Promise<{ address: string; family?: number }[]>;

export type OutboundOptions = { allowLoopback?: boolean; resolve?: ResolveAll };

export const systemResolveAll: ResolveAll = (hostname) => systemLookup(hostname, { all: true, verbatim: true });

export function loopbackAllowed(): boolean {
  return process.env.OUTBOUND_ALLOW_LOOPBACK === "1" || process.env.OUTBOUND_ALLOW_LOOPBACK === "true";
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

const forbidden = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  forbidden.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
  ["64:ff9b::", 96],
] as const) {
  forbidden.addSubnet(net, prefix, "ipv6");
}

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it carries. */
function normalise(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, family: "ipv4" };
  return { address, family: isIP(address) === 6 ? "ipv6" : "ipv4" };
}

export function checkAddress(rawAddress: string, options: OutboundOptions = {}): AddressVerdict {
  const { address, family } = normalise(rawAddress.replace(/^\[|\]$/g, ""));
  if (loopback.check(address, family)) {
    return options.allowLoopback ? { ok: true } : { ok: false, reason: "adresse de bouclage (loopback) refusée" };
  }
  if (forbidden.check(address, family)) return { ok: false, reason: "adresse privée, locale ou réservée refusée" };
  return { ok: true };
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host)) return loopback.check(normalise(host).address, normalise(host).family);
  return false;
}

/** `dns`: the host name did not resolve (a network failure rather than a policy refusal). */
export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string; dns?: true };

/** Syntax and policy of a URL, without DNS (used by forms and before every call). */
export function checkUrlSyntax(raw: string, options: OutboundOptions = {}): UrlVerdict {
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: `L'URL dépasse ${MAX_URL_LENGTH} caractères.` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "Ce n'est pas une URL valide (ex. : https://api.entreprise.fr/douane)." };
  }
  if (url.username || url.password) return { ok: false, reason: "L'URL ne doit pas contenir d'identifiant ni de mot de passe." };
  if (!url.hostname) return { ok: false, reason: "L'URL doit comporter un nom d'hôte." };
  const loop = isLoopbackHost(url.hostname);
  if (url.protocol === "http:") {
    if (!loop) return { ok: false, reason: "L'URL doit être en https (http n'est accepté que pour une adresse locale de démonstration)." };
  } else if (url.protocol !== "https:") {
    return { ok: false, reason: "L'URL doit être en https." };
  }
  if (loop && !options.allowLoopback) return { ok: false, reason: "Les adresses locales (loopback) ne sont pas autorisées sur cette console." };
  if (!loop && !isIP(url.hostname.replace(/^\[|\]$/g, ""))) {
    const host = url.hostname;
    const labels = host.split(".");
    const validLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
    if (labels.length < 2 || !labels.every((l) => validLabel.test(l)) || /^\d+$/.test(labels[labels.length - 1]!)) {
      return { ok: false, reason: "Le nom d'hôte de l'URL n'est pas valide." };
    }
  }
  if (isIP(url.hostname.replace(/^\[|\]$/g, ""))) {
    const verdict = checkAddress(url.hostname, options);
    if (!verdict.ok) return { ok: false, reason: `Adresse ${url.hostname} : ${verdict.reason}.` };
  }
  return { ok: true, url };
}

/** Syntax + every DNS answer (call right before connecting; redirects are never followed). */
export async function checkUrlResolved(raw: string, options: OutboundOptions = {}): Promise<UrlVerdict> {
  const syntax = checkUrlSyntax(raw, options);
  if (!syntax.ok) return syntax;
  const host = syntax.url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string }[];
  try {
    addresses = isIP(host) ? [{ address: host }] : await (options.resolve ?? systemResolveAll)(host);
  } catch {
    return { ok: false, reason: `Le nom d'hôte « ${host} » ne se résout pas (DNS).`, dns: true };
  }
  for (const { address } of addresses) {
    const verdict = checkAddress(address, options);
    if (!verdict.ok) return { ok: false, reason: `« ${host} » pointe vers ${address} : ${verdict.reason}.` };
  }
  return syntax;
}
