import { expect, test } from "@playwright/test";
import { CORRESPONDENT, login } from "./support/helpers";
import { fetchFrom } from "./support/http";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

test("pages carry a nonce-based CSP without unsafe-eval and the static security headers", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(msg.text())) violations.push(msg.text());
  });

  const first = await request.get("/login");
  const second = await request.get("/login");
  const csp = first.headers()["content-security-policy"]!;
  expect(csp).toContain("script-src 'self' 'nonce-");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  expect(second.headers()["content-security-policy"]).not.toContain(nonce); // fresh per request
  expect(await first.text()).toContain(`nonce="${nonce}"`);

  const headers = first.headers();
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toBeUndefined(); // plain http here
  // A client saying it came over TLS is not believed (finding 13); the configured proxy (127.0.0.9) is.
  const forged = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(forged.headers()["strict-transport-security"]).toBeUndefined();
  const behindTls = await fetchFrom("127.0.0.9", `${BASE}/login`, { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.10" } });
  expect(behindTls.headers.get("strict-transport-security")).toContain("max-age=");

  // The scripts Next.js emits run under this policy: the sign-in form (client-side) works.
  await login(page, CORRESPONDENT);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Lax");
  expect(violations).toEqual([]);
});
