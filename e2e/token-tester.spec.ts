import { spawnSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { CORRESPONDENT, login, resetDatabase } from "./support/helpers";
import { startOAuthStub, STUB_USERS, type OAuthStub } from "../tests/support/oauth-stub";
import { API, TOKEN } from "./support/hosts";

/**
 * The token tester in Chromium: against the console's own simulator (environment "Simulateur"),
 * and against another RFC 6749 server (the stub of the integration tests, run on 127.0.0.1 inside
 * the test process, reached as a "URL personnalisée": the e2e server allows loopback, as the demo does).
 */
const API_PASSWORD = STUB_USERS["api-demo-1"]!;
const DEMO_API_PASSWORD = "Demo-Api-2026!x";
let stub: OAuthStub;

test.beforeAll(async () => {
  resetDatabase();
  stub = await startOAuthStub();
});
test.afterAll(() => stub.close());

test("the Simulateur for api-demo-1: the checklist all green and the id_token decoded and verified", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.goto("/outils/testeur-jeton?identifiant=api-demo-1");
  await expect(page.getByRole("radio", { name: /Simulateur \(cette console\)/ })).toBeChecked();
  await page.getByLabel("Mot de passe du compte API").fill(DEMO_API_PASSWORD);
  // The Simulateur is the customs service's hosts (TLS): token host, then API host.
  await page.getByLabel("URL d'une API à appeler avec le jeton (facultatif)").fill(`${API}/example/api`);
  await page.getByRole("button", { name: "Tester l'obtention d'un jeton" }).click();

  await expect(page.getByTestId("verdict")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("verdict")).toContainText("Jeton obtenu : la réponse est conforme au guide");
  await expect(page.getByTestId("http-status")).toHaveText("HTTP 200");
  const checklist = page.getByTestId("conformity").locator("[data-check]");
  await expect(checklist).toHaveCount(11);
  for (const check of await checklist.all()) await expect(check).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("token")).toContainText("64 caractères hexadécimaux");
  await expect(page.getByTestId("countdown")).toHaveText(/expire dans [45] min/);
  await expect(page.getByTestId("id-token-header")).toContainText('"alg": "RS512"');
  await expect(page.getByTestId("id-token-header")).toContainText('"kid"');
  const claims = page.getByTestId("id-token-claims");
  for (const text of ["loa-2", "api-demo-1", '["gun-api"]', TOKEN, "(heure de Paris)"]) await expect(claims).toContainText(text);
  await expect(page.getByTestId("signature")).toHaveAttribute("data-status", "valid");
  await expect(page.getByTestId("signature")).toContainText("/oauth2/jwks");
  for (const check of await page.getByTestId("id-token-checks").locator("[data-check]").all()) await expect(check).toHaveAttribute("data-status", "ok");
  await expect(page.getByTestId("api-status")).toHaveText("HTTP 200");

  await page.getByRole("button", { name: "Rafraîchir" }).click();
  await expect(page.getByTestId("refresh-result")).toContainText("Jeton rafraîchi (nouveau refresh_token émis)");
  expect(await page.content()).not.toContain(DEMO_API_PASSWORD);
});

test("the Simulateur with a wrong password: the French explanation, and the password is not in the page's HTML", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.goto("/outils/testeur-jeton?identifiant=api-demo-1");
  await page.getByLabel("Mot de passe du compte API").fill("Faux-Mot-De-Passe-2026!");
  await page.getByRole("button", { name: "Tester l'obtention d'un jeton" }).click();
  const verdict = page.getByTestId("verdict");
  await expect(verdict).toHaveAttribute("data-ok", "false");
  await expect(verdict).toContainText("Identifiant ou mot de passe refusé (invalid_grant)");
  await expect(verdict).toContainText("l'identifiant ou le mot de passe est faux, ou le compte API n'est pas actif");
  await expect(page.getByTestId("http-status")).toHaveText("HTTP 400");
  await expect(page.getByLabel("Mot de passe du compte API")).toHaveValue("");
  const html = await page.content();
  expect(html).not.toContain("Faux-Mot-De-Passe-2026!");
  await page.reload();
  expect(await page.content()).not.toContain("Faux-Mot-De-Passe-2026!");
  await expect(page.getByTestId("token-test-history").locator("tbody tr").first()).toContainText("invalid_grant");
});

test("the CLI against the running console's simulator: 0 on success, 1 on a wrong password, 2 on bad usage", ({ baseURL }) => {
  const run = (args: string[], input: string) =>
    spawnSync(process.execPath, ["bin/douane-token.mjs", ...args], { input, encoding: "utf8", env: { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, CONSOLE_BASE_URL: baseURL } });
  const ok = run(["get", "--env", "simulateur", "--username", "api-demo-1"], DEMO_API_PASSWORD);
  expect(ok.status, ok.stderr).toBe(0);
  expect(ok.stdout).toContain("Verdict : ✔ Jeton obtenu : la réponse est conforme au guide");
  const wrong = run(["get", "--env", "simulateur", "--username", "api-demo-1"], "Faux-2026!x");
  expect(wrong.status).toBe(1);
  expect(wrong.stdout).toContain("Identifiant ou mot de passe refusé (invalid_grant)");
  const usage = run(["get", "--env", "simulateur", "--username", "api-demo-1", "--password", "x"], "");
  expect(usage.status).toBe(2);
  const call = run(["call", `${baseURL}/example/api`, "--env", "simulateur", "-u", "api-demo-1", "--repeat", "50"], DEMO_API_PASSWORD);
  expect(call.status, call.stderr).toBe(0);
  expect(call.stdout).toContain("Requêtes de jeton : 1 (jeton mutualisé)");
});

async function fillCustom(page: Page, { url, password, apiUrl }: { url: string; password: string; apiUrl?: string }) {
  await page.getByRole("radio", { name: /URL personnalisée/ }).check();
  await page.getByLabel("URL du point d'accès du jeton").fill(url);
  await page.getByLabel("Identifiant du compte API").fill("api-demo-1");
  await page.getByLabel("Mot de passe du compte API").fill(password);
  if (apiUrl) await page.getByLabel("URL d'une API à appeler avec le jeton (facultatif)").fill(apiUrl);
  await page.getByRole("button", { name: "Tester l'obtention d'un jeton" }).click();
}

test("any RFC 6749 server: every step green, id_token decoded and verified, countdown, refresh, API call; the password is not in the page", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Testeur de jeton" }).click();
  await expect(page.getByRole("heading", { name: "Tester l'obtention d'un jeton" })).toBeVisible();
  await fillCustom(page, { url: stub.tokenUrl, password: API_PASSWORD, apiUrl: `${stub.origin}/api/forbidden` });

  const report = page.getByTestId("token-report");
  await expect(report.getByRole("heading", { name: "Rapport du test" })).toBeFocused();
  await expect(page.getByTestId("verdict")).toContainText("Jeton obtenu");
  await expect(page.getByTestId("curl")).toContainText("--data-urlencode 'password=***'");
  await expect(page.getByTestId("http-status")).toHaveText("HTTP 200");
  await expect(page.getByTestId("latency")).toHaveText(/^\d+ ms$/);
  const checks = page.getByTestId("conformity").locator("[data-check]");
  await expect(checks).toHaveCount(11);
  await expect(page.getByTestId("conformity").locator('[data-ok="false"]')).toHaveCount(0);
  await expect(page.getByTestId("token")).toContainText("Bearer");
  const countdown = page.getByTestId("countdown");
  await expect(countdown).toHaveText(/expire dans 4 min \d\d s/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first!); // it ticks

  await expect(page.getByTestId("id-token-header")).toContainText('"alg": "RS512"');
  await expect(page.getByTestId("id-token-claims")).toContainText("api-demo-1");
  await expect(page.getByTestId("id-token-claims")).toContainText("(heure de Paris)");
  await expect(page.getByTestId("signature")).toHaveAttribute("data-status", "valid");
  await expect(page.getByTestId("id-token-checks").locator('[data-status="fail"]')).toHaveCount(0);

  await expect(page.getByTestId("api-status")).toHaveText("HTTP 403");
  await expect(page.getByTestId("www-authenticate")).toHaveText('Bearer realm="stub", error="insufficient_scope", scope="dh7"');
  await expect(page.getByTestId("api-call")).toContainText("Droits insuffisants (HTTP 403, insufficient_scope)");

  await page.getByRole("button", { name: "Rafraîchir" }).click();
  await expect(page.getByTestId("refresh-result")).toContainText("Jeton rafraîchi (nouveau refresh_token émis)");
  await expect(page.getByTestId("refresh-result").getByTestId("curl")).toContainText("refresh_token=***");

  await expect(page.getByLabel("Mot de passe du compte API")).toHaveValue("");
  expect(await page.content()).not.toContain(API_PASSWORD);
  await expect(page.getByTestId("token-test-history")).toContainText("Jeton obtenu");
});

test("a wrong password is explained in French and kept out of the page; the account's history shows the runs", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.goto("/outils/testeur-jeton");
  await fillCustom(page, { url: stub.tokenUrl, password: "Mauvais-Mot-De-Passe-1!" });
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-ok", "false");
  const verdict = page.getByTestId("verdict").getByRole("alert");
  await expect(verdict).toContainText("Identifiant ou mot de passe refusé (invalid_grant)");
  await expect(verdict).toContainText("l'identifiant ou le mot de passe est faux, ou le compte API n'est pas actif");
  const explanation = page.getByTestId("explanation");
  await expect(explanation).toContainText("Code : invalid_grant");
  await expect(explanation).toContainText("Invalid user credentials");
  expect(await page.content()).not.toContain("Mauvais-Mot-De-Passe-1!");
  await expect(page.getByTestId("token-test-history").locator("tbody tr").first()).toContainText("invalid_grant");

  await page.goto("/comptes-api");
  await page.getByRole("row", { name: /api-demo-1/ }).click();
  await expect(page.getByRole("heading", { name: "Compte API api-demo-1" })).toBeVisible();
  await expect(page.getByText("Test d'obtention d'un jeton").first()).toBeVisible();
  // The history speaks French only (no "outcome : oauth_error").
  const history = page.getByRole("region", { name: "Historique" });
  await expect(history.getByText(/^Erreur OAuth · URL personnalisée · invalid_grant · HTTP 400 · \d+ ms$/).first()).toBeVisible();
  await expect(history).not.toContainText("outcome");
});

test("from the account page, prefilled; a private address is refused before anything is sent", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.getByRole("row", { name: /api-demo-1/ }).click();
  await page.getByRole("link", { name: "Tester l'obtention d'un jeton" }).click();
  await expect(page).toHaveURL(/\/outils\/testeur-jeton\?compte=/);
  await expect(page.getByLabel("Identifiant du compte API")).toHaveValue("api-demo-1");
  await expect(page.getByRole("radio", { name: /Simulateur/ })).toBeChecked();

  // Browser-side checks first, then the server's outbound policy.
  await page.getByRole("radio", { name: /URL personnalisée/ }).check();
  await page.getByRole("button", { name: "Tester l'obtention d'un jeton" }).click();
  await expect(page.locator("#custom-url-error")).toContainText("Saisissez l'URL du point d'accès du jeton");
  await expect(page.locator("#api-password-error")).toContainText("Saisissez le mot de passe du compte API.");

  const before = stub.stats.tokenRequests;
  await page.getByLabel("URL du point d'accès du jeton").fill("https://10.0.0.8/oauth2/token");
  await page.getByLabel("Mot de passe du compte API").fill(API_PASSWORD);
  await page.getByRole("button", { name: "Tester l'obtention d'un jeton" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Test impossible" })).toContainText("adresse privée, locale ou réservée refusée");
  await expect(page.locator("#custom-url-error")).toContainText("adresse privée");
  await expect(page.getByTestId("token-report")).toHaveCount(0);
  await expect(page.getByLabel("Mot de passe du compte API")).toHaveValue("");
  expect(stub.stats.tokenRequests).toBe(before);
});

test("keyboard only: choose an environment and run the test", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.goto(`/outils/testeur-jeton?identifiant=api-demo-1`);
  await page.getByRole("radio", { name: /URL personnalisée/ }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.type(stub.tokenUrl);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Identifiant du compte API")).toBeFocused();
  await expect(page.getByLabel("Identifiant du compte API")).toHaveValue("api-demo-1");
  await page.keyboard.press("Tab");
  await page.keyboard.type(API_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("verdict")).toContainText("Jeton obtenu : la réponse est conforme au guide");
});
