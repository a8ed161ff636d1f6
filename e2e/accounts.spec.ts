import { expect, test } from "@playwright/test";
import { CORRESPONDENT, OTHER_CORRESPONDENT, login, logout, resetDatabase } from "./support/helpers";

const STRONG = "Nouveau-Compte-2026!";

test.beforeAll(() => resetDatabase());

test("sign-in: a wrong password is refused in French, the right one opens the console", async ({ page }) => {
  await page.goto("/comptes-api");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email du compte douane.gouv").fill(CORRESPONDENT);
  await page.getByLabel("Mot de passe", { exact: true }).fill("mauvais-mot-de-passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Connexion impossible" })).toContainText("Email ou mot de passe incorrect.");
  await expect(page).toHaveURL(/\/login/);

  await login(page, CORRESPONDENT);
  await expect(page.getByRole("banner")).toContainText("Correspondant Entreprise");
  for (const menu of ["CERTIFICATION", "ADMINISTRATION", "COMPTES API", "Aide"]) {
    await expect(page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: menu, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("navigation", { name: "Fil d'Ariane" })).toContainText("Accueil›Comptes API");
  await expect(page.getByRole("row", { name: /api-demo-1/ })).toBeVisible();
  await logout(page);
  await page.goto("/comptes-api");
  await expect(page).toHaveURL(/\/login/);
});

test("creation: a weak password shows the French rules and creates nothing", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.getByRole("link", { name: "+ Ajouter un compte API" }).first().click();
  await expect(page.getByRole("heading", { name: "Création d'un compte API" })).toBeVisible();
  await page.getByLabel("Identifiant").fill("api-faible");
  await page.getByLabel("Email").fill("faible@logistique-demo.fr");
  await page.getByLabel("Siret").selectOption("98765432400019");
  await page.getByLabel("Mot de passe", { exact: true }).fill("faible");
  await page.getByLabel("Contrôle du mot de passe").fill("faible");
  await page.getByRole("button", { name: "Créer le compte technique" }).click();

  const errors = page.locator("#password-error");
  await expect(errors).toContainText("au moins 12 caractères");
  await expect(errors).toContainText("au moins une lettre majuscule");
  await expect(errors).toContainText("au moins un chiffre");
  await expect(errors).toContainText("au moins un caractère spécial");
  await expect(page.locator('#password-rules [data-rule="lower"]')).toHaveAttribute("data-ok", "true");
  await expect(page.locator('#password-rules [data-rule="upper"]')).toHaveAttribute("data-ok", "false");
  await expect(page).toHaveURL(/\/comptes-api\/nouveau/);

  await page.goto("/comptes-api");
  await expect(page.getByText("api-faible")).toHaveCount(0);
});

test("creation: a proper account appears red in the list; the same SIRET is then refused", async ({ page, context }) => {
  await login(page, CORRESPONDENT);
  // A second tab opens the form before the first one submits: both pick the same SIRET.
  const other = await context.newPage();
  await other.goto("/comptes-api/nouveau");

  await page.goto("/comptes-api/nouveau");
  await expect(page.locator('option[value="12345678200010"]')).toBeDisabled();
  await expect(page.locator('option[value="12345678200010"]')).toContainText("compte « api-demo-1 » déjà créé");
  await page.getByLabel("Identifiant").fill("api-lyon");
  await page.getByLabel("Email").fill("api@logistique-demo.fr");
  await page.getByLabel("Siret").selectOption("98765432400019");
  await page.getByLabel("Mot de passe", { exact: true }).fill(STRONG);
  await expect(page.locator("#password-rules [data-ok=false]")).toHaveCount(0);
  await page.getByLabel("Contrôle du mot de passe").fill(STRONG);
  await page.getByRole("button", { name: "Créer le compte technique" }).click();

  await expect(page).toHaveURL(/\/comptes-api\?cree=api-lyon/);
  await expect(page.getByRole("status").filter({ hasText: "« api-lyon » a été créé" })).toBeVisible();
  const row = page.getByRole("row", { name: /api-lyon/ });
  await expect(row).toContainText("987 654 324 00019");
  await expect(row).toContainText("Logistique Démo SARL");
  await expect(row.getByTestId("status")).toHaveAttribute("data-level", "red");
  await expect(row).toContainText("Aucune habilitation");

  await other.getByLabel("Identifiant").fill("api-lyon-bis");
  await other.getByLabel("Email").fill("bis@logistique-demo.fr");
  await other.getByLabel("Siret").selectOption("98765432400019");
  await other.getByLabel("Mot de passe", { exact: true }).fill(STRONG);
  await other.getByLabel("Contrôle du mot de passe").fill(STRONG);
  await other.getByRole("button", { name: "Créer le compte technique" }).click();
  await expect(other.getByRole("alert").first()).toContainText("Un compte API existe déjà pour ce SIRET.");
  await page.reload();
  await expect(page.getByText("api-lyon-bis")).toHaveCount(0);

  // Clicking the row (not the link) opens the account.
  await row.locator("td").nth(3).click();
  await expect(page.getByRole("heading", { name: "Compte API api-lyon" })).toBeVisible();
});

test("detail: change the email, then the password after the warning and the confirmation", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.getByRole("link", { name: "api-demo-1", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Modifiez les infos de ce compte" })).toBeVisible();
  await expect(page.getByText("Mot de passe masqué").or(page.getByLabel("Mot de passe masqué"))).toBeVisible();

  await page.getByRole("button", { name: "Changer l'email" }).click();
  await page.getByLabel("Nouvel email du compte").fill("pas-un-email");
  await page.getByRole("button", { name: "Enregistrer l'email" }).click();
  await expect(page.locator("#new-email-error")).toContainText("adresse email valide");
  await page.getByLabel("Nouvel email du compte").fill("integration@transports-exemple.fr");
  await page.getByRole("button", { name: "Enregistrer l'email" }).click();
  await expect(page.getByText("L'email du compte est maintenant integration@transports-exemple.fr.")).toBeVisible();
  await expect(page.getByTestId("account-email")).toHaveText("integration@transports-exemple.fr");

  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByText("Le changement de mot de passe est immédiat")).toBeVisible();
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("Bascule-Systemes-2026!");
  await page.getByLabel("Contrôle du mot de passe").fill("Bascule-Systemes-2026!");
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByText("Confirmez que tous les systèmes utilisant ce compte seront mis à jour en même temps.")).toBeVisible();
  await page.getByLabel(/Je confirme que tous les systèmes/).check();
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();

  const dialog = page.getByRole("dialog", { name: "Confirmer le changement de mot de passe ?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Annuler" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await dialog.getByRole("button", { name: "Confirmer le changement" }).click();
  await expect(page.getByText(/Le mot de passe a été changé\. Il est effectif immédiatement/)).toBeVisible();

  await page.reload();
  const history = page.getByRole("region", { name: "Historique" });
  await expect(history).toContainText("Mot de passe modifié");
  await expect(history).toContainText("Email modifié");
  await expect(history).toContainText("integration@transports-exemple.fr");
});

test("scope: another SIRET's correspondent gets a 404 on the account's URL", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.getByRole("link", { name: "api-demo-1", exact: true }).click();
  await expect(page).toHaveURL(/\/comptes-api\/[a-z0-9]+$/);
  const url = page.url();
  await logout(page);

  await login(page, OTHER_CORRESPONDENT);
  await expect(page.getByText("api-demo-1")).toHaveCount(0);
  const response = await page.goto(url);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expect(page.getByText("api-demo-1")).toHaveCount(0);
});
