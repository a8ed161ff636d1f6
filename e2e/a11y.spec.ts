/**
 * Accessibility: an axe scan (WCAG 2 A/AA) of every page, for every role that can open it, in the
 * states the demo data offers (empty, filled, with validation errors, dialogs open).
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectNoViolations } from "./support/a11y";
import { AGENT, CORRESPONDENT, TRAINER, loadScenario, login, logout, resetDatabase } from "./support/helpers";

/**
 * Opens the page and scans it once the network has been quiet for 150 ms — every request the page
 * made (chunks, the live poll's first call, queries) answered. Playwright's "networkidle" waits
 * 500 ms of quiet, which is most of the time of a scan here.
 */
async function scan(page: Page, url: string) {
  let inFlight = 0;
  let lastActivity = Date.now();
  const started = () => {
    inFlight += 1;
    lastActivity = Date.now();
  };
  const ended = () => {
    inFlight -= 1;
    lastActivity = Date.now();
  };
  page.on("request", started);
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  try {
    await page.goto(url);
    await expect.poll(() => inFlight <= 0 && Date.now() - lastActivity >= 150, { intervals: [50], timeout: 15_000 }).toBe(true);
  } finally {
    page.off("request", started);
    page.off("requestfinished", ended);
    page.off("requestfailed", ended);
  }
  await expectNoViolations(page, url);
}

test.beforeAll(() => resetDatabase());

test("the scan really catches violations (a planted image without alt, a field without label)", async ({ page }) => {
  await page.goto("/login");
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", '<img src="/x.png"><input type="text">');
  });
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.map((v) => v.id)).toEqual(expect.arrayContaining(["image-alt", "label"]));
});

test("login page, empty and with an error", async ({ page }) => {
  await scan(page, "/login");
  await page.getByLabel("Email du compte douane.gouv").fill("x@y.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("faux");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Connexion impossible" })).toBeVisible();
  await expectNoViolations(page, "login with error");
});

test("correspondent pages", async ({ page }) => {
  await login(page, CORRESPONDENT);
  for (const url of ["/", "/comptes-api", "/comptes-api?q=zzz", "/comptes-api/nouveau", "/certification", "/administration", "/messages", "/outils/testeur-jeton", "/aide", "/aide?q=delai", "/aide/oauth", "/aide/statuts", "/nimporte"]) {
    await scan(page, url);
  }
  await page.goto("/comptes-api/nouveau");
  await page.getByRole("button", { name: "Créer le compte technique" }).click();
  await expect(page.locator("#identifiant-error")).toBeVisible();
  await expectNoViolations(page, "creation form with errors");

  await page.goto("/comptes-api");
  await page.getByRole("link", { name: "api-demo-1", exact: true }).click();
  await expect(page).toHaveURL(/\/comptes-api\/[a-z0-9]+$/);
  await expectNoViolations(page, "account page");
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expectNoViolations(page, "password change form");
  await logout(page);
});

test("customs agent and trainer pages", async ({ page }) => {
  await login(page, AGENT);
  for (const url of ["/douane", "/douane/catalogue", "/douane/catalogue/DELTA_H7", "/douane/catalogue/PNTS", "/comptes-api"]) await scan(page, url);
  await logout(page);
  await login(page, TRAINER);
  await scan(page, "/formation");
});

/** The states the trainer's scenarios put the console in: every colour, pending requests and url changes, refusals. */
test.describe("pages in every scenario state", () => {
  test.afterAll(() => resetDatabase());

  async function accountPages(page: Page) {
    await page.goto("/comptes-api");
    const links = await page.locator("tbody a[href^='/comptes-api/']").evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")!))]);
    for (const href of links) {
      await scan(page, href);
      await scan(page, `${href}/parcours`);
    }
    return links.length;
  }

  for (const scenario of ["trois-etats", "demande-en-attente", "changement-url", "demande-refusee", "vierge"]) {
    test(`scenario ${scenario}: correspondent and customs pages`, async ({ page }) => {
      loadScenario(scenario);
      await login(page, CORRESPONDENT);
      const accounts = await accountPages(page);
      expect(accounts).toBe(scenario === "vierge" ? 0 : scenario === "trois-etats" ? 3 : 1);
      for (const url of ["/comptes-api", "/messages", "/certification", "/administration"]) await scan(page, url);
      await logout(page);
      await login(page, AGENT);
      await page.goto("/douane?etat=toutes");
      const requests = await page.locator("a[href^='/douane/demandes/']").evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")!))]);
      expect(requests.length, "habilitation requests in the customs queue").toBe(scenario === "vierge" ? 0 : scenario === "trois-etats" ? 2 : 1);
      await expectNoViolations(page, `${scenario}: /douane`);
      for (const href of requests) await scan(page, href);
    });
  }
});
