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
