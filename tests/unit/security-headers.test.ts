import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config.mjs";
import { contentSecurityPolicy, HSTS_HEADER, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";

describe("security headers", () => {
  it("never allows eval or inline scripts in production", () => {
    const csp = contentSecurityPolicy("abc");
    expect(csp).toContain("'nonce-abc'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy("abc", { dev: true })).toContain("unsafe-eval");
  });

  it("next.config.mjs serves the headers lib/security/headers.ts declares", async () => {
    const rules = await (nextConfig as { headers: () => Promise<{ source: string; has?: unknown[]; headers: unknown[] }[]> }).headers();
    expect(rules.find((r) => !r.has)!.headers).toEqual(STATIC_SECURITY_HEADERS);
    expect(rules.find((r) => r.has)!.headers).toEqual([HSTS_HEADER]);
  });
});
