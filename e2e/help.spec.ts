import { expect, test } from "@playwright/test";
import { CORRESPONDENT, login } from "./support/helpers";

test("help is searchable and linked from the screens it explains", async ({ page }) => {
  await login(page, CORRESPONDENT);

  // The "?" next to the Hab. column opens the status colours.
  await page.getByRole("link", { name: "Aide : les statuts rouge, jaune et vert" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Statuts des comptes (colonne « Hab. »)" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Les trois statuts d'un compte API" })).toContainText("« ! » dans un triangle jaune");

  // Search, accent-insensitive.
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Aide" }).click();
  await page.getByLabel("Rechercher dans l'aide").fill("delai activation");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/\/aide\?q=delai/);
  await expect(page.getByText("1 sujet pour « delai activation »")).toBeVisible();
  await page.getByRole("link", { name: /Données des API habilitées/ }).click();
  await expect(page.getByRole("heading", { name: "Le délai d'activation d'un changement d'url" })).toBeVisible();

  // The tester links to the OAuth parameters, with curl for the three environments.
  await page.goto("/outils/testeur-jeton");
  await page.getByRole("link", { name: "Aide : paramètres OAuth 2.0 et exemples curl" }).click();
  for (const label of ["Simulateur (cette console)", "Formation", "Production"]) {
    await expect(page.getByRole("figure").filter({ hasText: label }).first()).toBeVisible();
  }
  await expect(page.getByRole("article")).toContainText("https://connexion-api-form.douane.gouv.fr/oauth2/token");
});
