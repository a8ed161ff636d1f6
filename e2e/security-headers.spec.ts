import { expect, test } from "@playwright/test";
import { CORRESPONDENT, login } from "./support/helpers";

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
  const behindTls = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(behindTls.headers()["strict-transport-security"]).toContain("max-age=");

  // The scripts Next.js emits run under this policy: the sign-in form (client-side) works.
  await login(page, CORRESPONDENT);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
  expect(session.httpOnly).toBe(true);
  expect(session.sameSite).toBe("Lax");
  expect(violations).toEqual([]);
});
