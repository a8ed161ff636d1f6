import { describe, expect, it } from "vitest";
import { checkAddress, checkUrlResolved, checkUrlSyntax, isLoopbackHost } from "@/lib/net/outbound";

describe("outbound URL policy", () => {
  it("accepts https URLs with a valid host", () => {
    expect(checkUrlSyntax("https://api.entreprise.fr/douane").ok).toBe(true);
    expect(checkUrlSyntax("https://api.entreprise.fr:8443/douane?x=1").ok).toBe(true);
  });

  it.each([
    ["http://api.entreprise.fr/", "https"],
    ["ftp://api.entreprise.fr/", "https"],
    ["https://user:pass@api.entreprise.fr/", "identifiant"],
    ["https://intranet/", "hôte"],
    ["https://-bad-.fr/", "hôte"],
    ["pas une url", "URL valide"],
    [`https://a.fr/${"x".repeat(2050)}`, "2048"],
    ["https://10.1.2.3/", "privée"],
    ["https://192.168.1.1/", "privée"],
    ["https://169.254.169.254/latest/meta-data", "privée"],
    ["https://[fe80::1]/", "privée"],
    ["https://[::ffff:10.0.0.1]/", "privée"],
    ["https://127.0.0.1/", "loopback"],
    ["http://localhost:3000/", "loopback"],
  ])("refuses %s", (url, word) => {
    const verdict = checkUrlSyntax(url);
    expect(verdict.ok).toBe(false);
    expect((verdict as { reason: string }).reason).toContain(word);
  });

  it("allows plain http only for loopback, and only when configured", () => {
    expect(checkUrlSyntax("http://127.0.0.1:3000/recepteur-demo", { allowLoopback: true }).ok).toBe(true);
    expect(checkUrlSyntax("http://localhost:3000/x", { allowLoopback: true }).ok).toBe(true);
    expect(checkUrlSyntax("http://10.0.0.1/x", { allowLoopback: true }).ok).toBe(false);
  });

  it("classifies addresses", () => {
    expect(checkAddress("8.8.8.8").ok).toBe(true);
    expect(checkAddress("2a01:e0a::1").ok).toBe(true);
    expect(checkAddress("127.0.0.2").ok).toBe(false);
    expect(checkAddress("127.0.0.2", { allowLoopback: true }).ok).toBe(true);
    expect(checkAddress("::1", { allowLoopback: true }).ok).toBe(true);
    expect(checkAddress("172.20.0.1", { allowLoopback: true }).ok).toBe(false);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("app.localhost")).toBe(true);
  });

  it("re-checks after DNS resolution", async () => {
    const verdict = await checkUrlResolved("https://localhost/x");
    expect(verdict.ok).toBe(false);
    expect((await checkUrlResolved("http://localhost:1/x", { allowLoopback: true })).ok).toBe(true);
  });

  it("checks every answer of the resolver; a name that does not resolve is a DNS failure, not a refusal", async () => {
    const verdict = await checkUrlResolved("https://retours.exemple.fr/x", { resolve: async () => [{ address: "203.0.114.9" }, { address: "192.168.1.10" }] });
    expect(verdict).toEqual({ ok: false, reason: "« retours.exemple.fr » pointe vers 192.168.1.10 : adresse privée, locale ou réservée refusée." });
    expect((await checkUrlResolved("https://retours.exemple.fr/x", { resolve: async () => [{ address: "203.0.114.9" }] })).ok).toBe(true);
    const missing = await checkUrlResolved("https://retours.exemple.fr/x", {
      resolve: async () => {
        throw new Error("getaddrinfo ENOTFOUND");
      },
    });
    expect(missing).toEqual({ ok: false, reason: "Le nom d'hôte « retours.exemple.fr » ne se résout pas (DNS).", dns: true });
  });
});

describe("IPv6 forms that embed an IPv4 address (finding 12)", () => {
  // [url, still refused when loopback is allowed]: a mapped loopback is 127.0.0.1 itself.
  it.each([
    ["https://[::127.0.0.1]:4555/x", true], // IPv4-compatible (::/96)
    ["https://[::7f00:1]/x", true],
    ["https://[::ffff:7f00:1]/x", false], // IPv4-mapped, hex form (what the URL parser writes)
    ["https://[::ffff:127.0.0.1]/x", false],
    ["https://[::ffff:0:7f00:1]/x", true], // IPv4-translated (::ffff:0:0:0/96)
    ["https://[64:ff9b::7f00:1]/x", true], // NAT64 well-known prefix
    ["https://[64:ff9b:1::a00:1]/x", true], // NAT64 local-use prefix
    ["https://[2002:7f00:1::1]/x", true], // 6to4
    ["https://[2002:c0a8:101::1]/x", true],
    ["https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x", true], // Teredo
    ["https://[::ffff:a00:1]/x", true], // mapped 10.0.0.1
    ["https://[::ffff:a9fe:a9fe]/x", true], // mapped 169.254.169.254
    ["https://[::]/x", true],
  ] as const)("refuses %s", (url, evenWithLoopback) => {
    expect(checkUrlSyntax(url).ok).toBe(false);
    expect(checkUrlSyntax(url, { allowLoopback: true }).ok).toBe(!evenWithLoopback);
  });

  it("judges every resolved address the same way (DNS answers in these forms)", async () => {
    for (const address of ["::7f00:1", "::ffff:7f00:1", "::ffff:0:7f00:1", "64:ff9b::a00:1", "2002:7f00:1::1", "2001:0:4136:e378:8000:63bf:80ff:fffe"]) {
      const verdict = await checkUrlResolved("https://retours.exemple.fr/x", { resolve: async () => [{ address, family: 6 }] });
      expect(verdict.ok, address).toBe(false);
    }
  });

  it("a mapped public IPv4 is judged as that address; ordinary public IPv6 passes", () => {
    expect(checkAddress("::ffff:808:808").ok).toBe(true);
    expect(checkAddress("::ffff:8.8.8.8").ok).toBe(true);
    expect(checkAddress("2a01:e0a:1f3:8d0::1").ok).toBe(true);
    expect(checkAddress("2001:4860:4860::8888").ok).toBe(true);
  });
});
