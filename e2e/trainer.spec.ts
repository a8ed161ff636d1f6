import { expect, test } from "@playwright/test";
import { CORRESPONDENT, TRAINER, login, logout, resetDatabase } from "./support/helpers";

test.beforeAll(() => resetDatabase());

test("a correspondent cannot reach /formation", async ({ page }) => {
  await login(page, CORRESPONDENT);
  const response = await page.goto("/formation");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
});

test("the trainer moves the demo clock; every page shows the banner until real time is back", async ({ page }) => {
  await login(page, TRAINER);
  await page.goto("/formation");
  await expect(page.getByTestId("demo-clock-banner")).toHaveCount(0);
  await page.getByRole("button", { name: "Avancer de 4 h" }).click();
  await expect(page.getByText("Horloge de démonstration : +4 h.")).toBeVisible();
  await expect(page.getByTestId("demo-clock-banner")).toContainText("+4 h sur l'heure réelle");
  await page.getByRole("button", { name: "Avancer de 15 min" }).click();
  await expect(page.getByTestId("demo-clock-banner")).toContainText("+4 h 15 min");
  await page.goto("/comptes-api");
  await expect(page.getByTestId("demo-clock-banner")).toBeVisible();
  await logout(page);
  await expect(page.getByTestId("demo-clock-banner")).toBeVisible();

  await login(page, TRAINER);
  await page.goto("/formation");
  await page.getByRole("button", { name: "Revenir à l'heure réelle" }).click();
  await expect(page.getByText("La console est revenue à l'heure réelle.")).toBeVisible();
  await expect(page.getByTestId("demo-clock-banner")).toHaveCount(0);
});
