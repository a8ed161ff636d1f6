import { expect, test } from "@playwright/test";
import { CORRESPONDENT, login, logout, resetDatabase } from "./support/helpers";

test.beforeAll(() => resetDatabase());

test("a correspondent certifies a collaborator, then names them correspondent", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "CERTIFICATION" }).click();
  const pending = page.getByRole("region", { name: /Demandes en attente/ });
  await expect(pending.getByRole("row", { name: /Julie Bernard/ })).toBeVisible();

  await pending.getByRole("button", { name: "Certifier Julie Bernard (julie.bernard@transports-exemple.fr)", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Certifier ce rattachement ?" });
  await expect(dialog).toContainText("Transports Exemple SAS");
  await dialog.getByRole("button", { name: "Certifier", exact: true }).click();
  await expect(page.getByText("Le rattachement de julie.bernard@transports-exemple.fr au SIRET 12345678200010 est certifié.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: /Rattachements certifiés/ }).getByRole("row", { name: /Julie Bernard/ })).toBeVisible();
  await expect(page.getByRole("region", { name: /Demandes en attente/ }).getByRole("row", { name: /Julie Bernard/ })).toHaveCount(0);

  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "ADMINISTRATION" }).click();
  const panel = page.getByRole("region", { name: /123 456 782 00010/ });
  await expect(panel.getByRole("button", { name: /Retirer Claire Martin/ })).toBeDisabled();
  await expect(panel).toContainText("Un SIRET garde toujours au moins un correspondant");
  await panel.getByLabel("Nommer un correspondant").selectOption({ label: "Julie Bernard — julie.bernard@transports-exemple.fr (rattachement certifié)" });
  await panel.getByRole("button", { name: "Nommer correspondant" }).click();
  await page.getByRole("dialog", { name: "Nommer ce correspondant ?" }).getByRole("button", { name: "Nommer" }).click();
  await expect(panel).toContainText("Julie Bernard (julie.bernard@transports-exemple.fr) est maintenant correspondant du SIRET 12345678200010.");
  await page.reload();
  await expect(panel.getByRole("listitem").filter({ hasText: "julie.bernard@transports-exemple.fr" })).toBeVisible();
  await expect(panel.getByRole("button", { name: /Retirer Claire Martin/ })).toBeEnabled();
  await logout(page);

  // The named correspondent now manages the SIRET's API accounts.
  await login(page, "julie.bernard@transports-exemple.fr");
  await expect(page.getByRole("row", { name: /api-demo-1/ })).toBeVisible();
});
