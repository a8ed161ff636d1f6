/** The main journeys with the keyboard only: no click, no mouse — Tab, Shift+Tab, Enter, Space, Escape, typing. */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { resetDatabase } from "./support/helpers";

/** Presses Tab until `target` has the focus (fails if it is not reachable within `max` presses). */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Not reachable with Tab: ${target.toString()}`);
}

test.beforeAll(() => resetDatabase());

test("sign in, create an account, open it, change its email and password — keyboard only", async ({ page }) => {
  await page.goto("/login");
  await tabTo(page, page.getByLabel("Email du compte douane.gouv"));
  await page.keyboard.type("correspondant@demo.fr");
  await tabTo(page, page.getByLabel("Mot de passe", { exact: true }));
  await page.keyboard.type("Demo-Console-2026!");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Liste des comptes API" })).toBeVisible();

  // The skip link is the first stop and moves the focus to the content.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Aller au contenu" })).toBeFocused();

  await tabTo(page, page.getByRole("link", { name: "+ Ajouter un compte API" }).first());
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Création d'un compte API" })).toBeVisible();
  await tabTo(page, page.getByLabel("Identifiant"));
  await page.keyboard.type("api-clavier");
  await tabTo(page, page.getByLabel("Email"));
  await page.keyboard.type("clavier@import-export-atlantique.fr");
  await tabTo(page, page.getByLabel("Siret"));
  await expect(page.getByLabel("Siret")).toHaveValue("55555555600011"); // first free SIRET preselected
  await tabTo(page, page.getByLabel("Mot de passe", { exact: true }));
  await page.keyboard.type("Clavier-Seul-2026!");
  await tabTo(page, page.getByLabel("Contrôle du mot de passe"));
  await page.keyboard.type("Clavier-Seul-2026!");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/cree=api-clavier/);

  await tabTo(page, page.getByRole("link", { name: "api-clavier", exact: true }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Compte API api-clavier" })).toBeVisible();

  await tabTo(page, page.getByRole("button", { name: "Changer l'email" }));
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Nouvel email du compte")).toBeFocused();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("nouveau-clavier@import-export-atlantique.fr");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("account-email")).toHaveText("nouveau-clavier@import-export-atlantique.fr");

  await tabTo(page, page.getByRole("button", { name: "Changer le mot de passe" }));
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Nouveau mot de passe", { exact: true })).toBeFocused();
  await page.keyboard.type("Clavier-Nouveau-2026!");
  await tabTo(page, page.getByLabel("Contrôle du mot de passe"));
  await page.keyboard.type("Clavier-Nouveau-2026!");
  await tabTo(page, page.getByLabel(/Je confirme que tous les systèmes/));
  await page.keyboard.press("Space");
  await tabTo(page, page.getByRole("button", { name: "Changer le mot de passe" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Confirmer le changement de mot de passe ?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape"); // Escape cancels
  await expect(dialog).toBeHidden();
  await tabTo(page, page.getByRole("button", { name: "Changer le mot de passe" }));
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole("button", { name: "Confirmer le changement" }), 5);
  await page.keyboard.press("Enter");
  await expect(page.getByText(/Le mot de passe a été changé/)).toBeVisible();
});
