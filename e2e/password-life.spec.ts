/** The API account password's life cycle (issue 14 §6–8), with the e2e server's API_PASSWORD_MAX_AGE_DAYS=424. */
import { expect, test } from "@playwright/test";
import { expectNoViolations } from "./support/a11y";
import { CORRESPONDENT, TRAINER, backToRealTime, loadScenario, login, logout, resetDatabase } from "./support/helpers";

test.beforeAll(() => resetDatabase());
test.afterAll(() => resetDatabase());

test("« Mot de passe à renouveler »: the age and the renewal date, the filter, the reminders; +8 days, overdue and reminded on the day, never blocked", async ({ page }) => {
  loadScenario("mot-de-passe-a-renouveler");
  await login(page, CORRESPONDENT);

  // The list: the line under the identifiant, and the filter.
  await expect(page.getByRole("row", { name: /api-demo-1/ }).getByTestId("password-renewal")).toContainText(/^Mot de passe à renouveler avant le .+ \(dans 7 jours\)$/);
  await page.getByLabel("Mot de passe", { exact: true }).selectOption("a-renouveler");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/mdp=a-renouveler/);
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expectNoViolations(page, "list filtered on passwords to renew");

  // The account: its age, its date.
  await page.getByRole("link", { name: "api-demo-1", exact: true }).click();
  await expect(page.getByTestId("password-age")).toContainText(/^modifié il y a 1 an et 1 mois \(le .+\)$/);
  await expect(page.getByTestId("password-renewal")).toContainText(/\(dans 7 jours\)$/);

  // The two reminders, with the guide's warning.
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: /^Messages/ }).click();
  const reminders = page.locator('[data-testid="message"][data-kind="PASSWORD_RENEWAL_REMINDER"]');
  await expect(reminders).toHaveCount(2);
  await reminders.first().locator("summary").click();
  await expect(reminders.first()).toContainText("Mettez à jour au même moment tous les systèmes qui utilisent ce compte");
  await logout(page);

  // The trainer moves the clock 8 days ahead: the sweep sends the day's reminder.
  await login(page, TRAINER);
  await page.goto("/formation");
  const target = await page.evaluate(() => {
    const d = new Date(Date.now() + 8 * 24 * 3_600_000 + 2 * 60_000);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  });
  await page.getByLabel("Aller à une date (heure de Paris)").fill(target);
  await page.getByRole("button", { name: "Aller à cette date" }).click();
  await expect(page.getByTestId("demo-clock-banner")).toContainText("+8 j");
  await logout(page);

  await login(page, CORRESPONDENT);
  await expect(page.getByRole("row", { name: /api-demo-1/ }).getByTestId("password-renewal")).toContainText(/^Mot de passe à renouveler depuis le /);
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: /^Messages/ }).click();
  await expect(reminders).toHaveCount(3, { timeout: 30_000 }); // the sweep runs every 15 s
  await expect(reminders.first()).toContainText("à renouveler aujourd'hui");
  await backToRealTime(page);
});
