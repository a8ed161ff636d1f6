/**
 * Outbound HTTP policy (test callbacks, token tester): which URLs the console may call.
 *  - https, or plain http only for loopback hosts when loopback is allowed;
 *  - never credentials in the URL, at most 2,048 characters;
 *  - private, link-local, loopback (unless allowed), multicast and reserved addresses refused,
 *    checked on the literal host AND on every address DNS resolves it to;
 *  - IPv6 forms that carry an IPv4 address are judged by it (IPv4-mapped) or refused outright
 *    (IPv4-compatible, IPv4-translated, NAT64, 6to4, Teredo: a translator could reach it).
 * Loopback is allowed only when OUTBOUND_ALLOW_LOOPBACK=1 is set explicitly; test callbacks to the
 * console's own demo receiver are allowed without it (lib/callbacks/receiver.ts: isOwnDemoReceiver).
 */
import { BlockList, isIP } from "node:net";
import { lookup as systemLookup } from "node:dns/promises";
import { URL_FORBIDDEN_CHARACTERS, URL_FORBIDDEN_MESSAGE } from "../habilitations/fields";

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
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2002::", 16],
  ["2001::", 32],
] as const) {
  forbidden.addSubnet(net, prefix, "ipv6");
}

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 included), or null. */
export function ipv6Groups(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  let text = address.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(tail !== undefined ? missing : 0).fill("0"), ...right].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 address an IPv6 address carries, and how: IPv4-mapped (::ffff:0:0/96) is the IPv4
 * address itself, seen through a dual-stack socket; the other forms (IPv4-compatible ::/96,
 * IPv4-translated ::ffff:0:0:0/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo
 * 2001::/32) can route to it through a translator or a tunnel.
 */
export function embeddedIpv4(address: string): { form: "mapped" | "tunnelled"; ipv4: string } | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return { form: "mapped", ipv4: ipv4Of(g[6]!, g[7]!) };
  if (zeros(0, 6) && (g[6] !== 0 || g[7]! > 1)) return { form: "tunnelled", ipv4: ipv4Of(g[6]!, g[7]!) }; // ::a.b.c.d, not :: nor ::1
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return { form: "tunnelled", ipv4: ipv4Of(g[6]!, g[7]!) };
  if (g[0] === 0x64 && g[1] === 0xff9b && (zeros(2, 6) || g[2] === 1)) return { form: "tunnelled", ipv4: ipv4Of(g[6]!, g[7]!) };
  if (g[0] === 0x2002) return { form: "tunnelled", ipv4: ipv4Of(g[1]!, g[2]!) };
  if (g[0] === 0x2001 && g[1] === 0) return { form: "tunnelled", ipv4: ipv4Of(g[6]! ^ 0xffff, g[7]! ^ 0xffff) };
  return null;
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1, ::ffff:a00:1) is judged as the IPv4 address it carries. */
function normalise(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const embedded = embeddedIpv4(address);
  if (embedded?.form === "mapped") return { address: embedded.ipv4, family: "ipv4" };
  return { address, family: isIP(address) === 6 ? "ipv6" : "ipv4" };
}

export function checkAddress(rawAddress: string, options: OutboundOptions = {}): AddressVerdict {
  const bare = rawAddress.replace(/^\[|\]$/g, "");
  const embedded = embeddedIpv4(bare);
  if (embedded?.form === "tunnelled") {
    return { ok: false, reason: `adresse IPv6 qui embarque une adresse IPv4 (${embedded.ipv4}) refusée` };
  }
  const { address, family } = normalise(bare);
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
  if (URL_FORBIDDEN_CHARACTERS.test(raw)) return { ok: false, reason: URL_FORBIDDEN_MESSAGE };
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
