/**
 * The attacker's pass of issue 1/4, replayed against the running console over real HTTP (and in
 * Chromium where a person is involved). Each test names the finding it closes. Several clients are
 * played from several loopback source addresses (e2e/support/http.ts); 127.0.0.9 plays the
 * configured reverse proxy (TRUSTED_PROXIES, scripts/e2e-env.sh).
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { CORRESPONDENT, DEMO_PASSWORD, login, logout, resetDatabase } from "./support/helpers";
import { fetchFrom, freshLoopback, signInFrom } from "./support/http";
import { callServerAction, serverAction } from "./support/server-actions";
import { DEMO_API, form, passwordFields } from "./support/oauth";
import { query } from "./support/db";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
const FORM = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };


const token = (from: string, username: string, password: string, headers: Record<string, string> = {}) =>
  fetchFrom(from, `${BASE}/oauth2/token`, { method: "POST", headers: { ...FORM, ...headers }, body: form(passwordFields(username, password)) });

test.beforeAll(() => resetDatabase());
test.afterAll(() => resetDatabase()); // the counters of this file go with it

test("finding 2 — a client's X-Forwarded-For is ignored by the limits and the audit; the configured proxy's is believed", async () => {
  const attacker = freshLoopback();
  const statuses: number[] = [];
  for (let i = 0; i < 22; i++) {
    const response = await token(attacker, `inconnu-xff-${i}`, "faux", { "X-Forwarded-For": `10.66.0.${i}`, "X-Real-IP": `10.67.0.${i}` });
    statuses.push(response.status);
  }
  expect(statuses.slice(0, 20).every((s) => s === 400)).toBe(true);
  expect(statuses.slice(20)).toEqual([429, 429]);
  const audited = await query<{ details: string }>(`SELECT details FROM "AuditEvent" WHERE action = 'OAUTH_TOKEN_FAILED' AND details LIKE '%inconnu-xff-%'`);
  expect(audited).toHaveLength(20);
  expect(audited.every((a) => (JSON.parse(a.details) as { address: string }).address === attacker)).toBe(true);

  // Sign-in: the same.
  const signer = freshLoopback();
  const errors: (string | null)[] = [];
  for (let i = 0; i < 21; i++) {
    const csrf = await fetchFrom(signer, `${BASE}/api/auth/csrf`, { headers: { "X-Forwarded-For": `10.68.0.${i}` } });
    expect(csrf.status).toBe(200);
    errors.push((await signInFrom(signer, BASE, `personne-${i}@demo.fr`, "faux")).error);
  }
  expect(errors.slice(0, 20).every((e) => e === "IDENTIFIANTS_INVALIDES")).toBe(true);
  expect(errors[20]).toBe("TROP_DE_TENTATIVES");

  // Behind the configured proxy, the client is the address it forwards.
  const proxied = await token("127.0.0.9", "inconnu-proxy", "faux", { "X-Forwarded-For": "6.6.6.6, 203.0.113.77" });
  expect(proxied.status).toBe(400);
  const viaProxy = await query<{ details: string }>(`SELECT details FROM "AuditEvent" WHERE action = 'OAUTH_TOKEN_FAILED' AND details LIKE '%inconnu-proxy%'`);
  expect((JSON.parse(viaProxy[0]!.details) as { address: string }).address).toBe("203.0.113.77");
});

test("finding 3 — guesses never lock the holder out: the operator's software and the person still get in", async () => {
  const guesser = freshLoopback();
  for (let i = 0; i < 5; i++) expect((await token(guesser, DEMO_API.username, `Faux-${i}-2026!x`)).status).toBe(400);
  expect((await token(guesser, DEMO_API.username, DEMO_API.password)).status).toBe(429);
  const software = await token(freshLoopback(), DEMO_API.username, DEMO_API.password);
  expect(software.status).toBe(200);
  expect(((await software.json()) as { token_type: string }).token_type).toBe("Bearer");

  const personGuesser = freshLoopback();
  for (let i = 0; i < 5; i++) expect((await signInFrom(personGuesser, BASE, CORRESPONDENT, `faux-${i}`)).error).toBe("IDENTIFIANTS_INVALIDES");
  expect((await signInFrom(personGuesser, BASE, CORRESPONDENT, DEMO_PASSWORD)).error).toBe("TROP_DE_TENTATIVES");
  expect((await signInFrom(freshLoopback(), BASE, CORRESPONDENT, DEMO_PASSWORD)).error).toBeNull();
});

test("finding 5 — after sign-in, a callbackUrl leaving the console is not followed", async ({ page }) => {
  for (const callbackUrl of ["/\\127.0.0.1:4556/x", "/\t/127.0.0.1:4556/x", "//127.0.0.1:4556/x", "https://evil.example/x"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email du compte douane.gouv").fill(CORRESPONDENT);
    await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByRole("heading", { name: "Liste des comptes API" })).toBeVisible();
    expect(new URL(page.url()).origin, callbackUrl).toBe(BASE);
  }
  // A path of the console is still followed.
  await page.context().clearCookies();
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/aide")}`);
  await page.getByLabel("Email du compte douane.gouv").fill(CORRESPONDENT);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).toHaveURL(`${BASE}/aide`);
});

test("finding 6 — after sign-out, the old session cookie opens nothing", async ({ page, playwright }) => {
  await login(page, CORRESPONDENT);
  const stolen = await page.context().storageState();
  await logout(page);
  const replay = await playwright.request.newContext({ baseURL: BASE, storageState: stolen });
  try {
    const list = await replay.get("/comptes-api", { maxRedirects: 0 });
    // The proxy still sees a well-formed cookie; the page finds the session ended and sends to /login.
    expect([303, 307, 200]).toContain(list.status());
    if (list.status() === 200) expect(await list.text()).not.toContain("Liste des comptes API");
    else expect(list.headers()["location"]).toContain("/login");
    const action = serverAction("nameCorrespondentAction");
    const result = await callServerAction(replay, BASE, action, [{ siret: "12345678200010", userId: "x" }]);
    expect(result.text).toContain("Votre session a expiré");
    const session = await replay.get("/api/auth/session");
    expect(await session.json()).toEqual({});
  } finally {
    await replay.dispose();
  }
});

test("finding 7 — an unknown email and a known one get the same answers, throttled or not", async () => {
  const answers = async (email: string) => {
    const from = freshLoopback();
    const out: (string | null)[] = [];
    for (let i = 0; i < 7; i++) out.push((await signInFrom(from, BASE, email, `faux-${i}`)).error);
    return out;
  };
  const unknown = await answers("personne.inconnue@demo.fr");
  expect(unknown).toEqual(await answers("autre@demo.fr"));
  expect(unknown.slice(5)).toEqual(["TROP_DE_TENTATIVES", "TROP_DE_TENTATIVES"]);
});

test("finding 8 — another page's action posted to /login: a 4xx, and no uncaught exception in the server's log", async () => {
  const action = serverAction("nameCorrespondentAction");
  const logBefore = readFileSync(".tmp/e2e-server.log", "utf8").length;
  for (let i = 0; i < 30; i++) {
    const response = await fetchFrom(freshLoopback(), `${BASE}/login`, {
      method: "POST",
      headers: { "Next-Action": action.id, "Content-Type": "text/plain", Origin: BASE },
      body: '["x"]',
    });
    expect(response.status).toBe(404);
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(readFileSync(".tmp/e2e-server.log", "utf8").slice(logBefore)).not.toMatch(/uncaughtException|aborted/);
});

test("finding 9 — the demo receiver answers 401 to a wrong token and never stores it", async () => {
  const [account] = await query<{ id: string }>(`SELECT id FROM "ApiAccount" WHERE "identifiantKey" = 'api-demo-1'`);
  const before = Number((await query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "ReceivedCallback"`))[0]!.n);
  const from = freshLoopback();
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const response = await fetchFrom(from, `${BASE}/recepteur-demo/${account!.id}/gamma2/x`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer faux-${i}` },
      body: "{}",
    });
    statuses.push(response.status);
  }
  expect(statuses).toEqual([...Array<number>(10).fill(401), 429]);
  expect(Number((await query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM "ReceivedCallback"`))[0]!.n)).toBe(before);
  // Another client (the console's own test callbacks come from its address) is not blocked by them.
  const other = await fetchFrom(freshLoopback(), `${BASE}/recepteur-demo/${account!.id}/gamma2/x`, { method: "POST", headers: { Authorization: "Bearer faux" }, body: "{}" });
  expect(other.status).toBe(401);
});

test("finding 10 — malformed paths and action bodies answer 4xx, in the endpoint's dialect", async ({ page }) => {
  const dh7 = await fetchFrom(freshLoopback(), `${BASE}/dh7/%ZZ`);
  expect(dh7.status).toBe(400);
  expect(dh7.headers.get("www-authenticate")).toContain('error="invalid_request"');
  expect(await dh7.json()).toMatchObject({ error: "invalid_request" });
  expect((await fetchFrom(freshLoopback(), `${BASE}/recepteur-demo/%ZZ`, { method: "POST", body: "{}" })).status).toBe(400);
  expect((await fetchFrom(freshLoopback(), `${BASE}/oauth2/%ZZ`)).status).toBe(400);

  await login(page, CORRESPONDENT);
  expect((await page.request.get("/comptes-api/%ZZ")).status()).toBe(400);
  const action = serverAction("nameCorrespondentAction");
  for (const body of ["[".repeat(40_000), `${"[".repeat(40_000)}${"]".repeat(40_000)}`, '[{"siret":']) {
    const result = await callServerAction(page.request, BASE, action, [], {}, body);
    expect(result.response.status()).toBe(400);
    expect(result.text).toContain("Requête mal formée");
  }
});

test("finding 13 — a foreign Origin on a server action is refused (403), a client's X-Forwarded-Host changes nothing", async ({ page }) => {
  await login(page, CORRESPONDENT);
  const action = serverAction("nameCorrespondentAction");
  const call = (headers: Record<string, string>) =>
    page.request.post("/administration", {
      headers: { "Next-Action": action.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", ...headers },
      data: JSON.stringify([{ siret: "12345678200010", userId: "x" }]),
      maxRedirects: 0,
    });
  expect((await call({ Origin: "http://evil.example" })).status()).toBe(403);
  expect((await call({ Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" })).status()).toBe(403);
  const same = await call({ Origin: BASE });
  expect(same.status()).toBe(200);
  expect(await same.text()).toContain("ne peut pas être nommée");
});
