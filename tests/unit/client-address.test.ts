/** Finding 2: the client address is the socket's, unless a configured proxy forwarded the request. */
import { describe, expect, it } from "vitest";
import { normaliseAddress, parseTrustedProxies, resolveClient, TrustedProxiesError } from "@/lib/net/client-address";

const none = parseTrustedProxies(undefined);

describe("client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClient("127.0.0.1", "10.0.0.7", none)).toEqual({ address: "127.0.0.1", viaTrustedProxy: false });
    expect(resolveClient("::ffff:203.0.113.9", "1.2.3.4, 5.6.7.8", none)).toEqual({ address: "203.0.113.9", viaTrustedProxy: false });
    expect(resolveClient(undefined, "1.2.3.4", none).address).toBe("inconnue");
  });

  it("behind trusted proxies: the right-most entry that is not a trusted proxy", () => {
    const trusted = parseTrustedProxies("127.0.0.1, 10.0.0.0/8");
    expect(resolveClient("127.0.0.1", "203.0.113.5", trusted)).toEqual({ address: "203.0.113.5", viaTrustedProxy: true });
    // A client-sent entry on the left is never believed: the proxy appended the real peer.
    expect(resolveClient("127.0.0.1", "6.6.6.6, 203.0.113.5", trusted).address).toBe("203.0.113.5");
    // Two proxies in a row.
    expect(resolveClient("127.0.0.1", "6.6.6.6, 203.0.113.5, 10.1.2.3", trusted).address).toBe("203.0.113.5");
    // Garbage stops the walk at the last good hop.
    expect(resolveClient("127.0.0.1", "<script>, 10.1.2.3", trusted).address).toBe("10.1.2.3");
    // No header: the proxy itself.
    expect(resolveClient("10.0.0.2", undefined, trusted).address).toBe("10.0.0.2");
    // A peer outside the list is the client, its header ignored.
    expect(resolveClient("192.0.2.1", "203.0.113.5", trusted)).toEqual({ address: "192.0.2.1", viaTrustedProxy: false });
  });

  it("parses addresses, ranges and IPv6; refuses anything else", () => {
    const trusted = parseTrustedProxies("::1 fd00::/8,192.168.1.10");
    expect(trusted.contains("::1")).toBe(true);
    expect(trusted.contains("fd12::3")).toBe(true);
    expect(trusted.contains("::ffff:192.168.1.10")).toBe(true);
    expect(trusted.contains("192.168.1.11")).toBe(false);
    expect(() => parseTrustedProxies("proxy.interne")).toThrow(TrustedProxiesError);
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(TrustedProxiesError);
    expect(normaliseAddress("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(normaliseAddress("203.0.113.7:51234")).toBe("203.0.113.7");
    expect(normaliseAddress("pas une adresse")).toBeNull();
  });
});
