import { expect, test } from "@playwright/test";
import { CORRESPONDENT, login, resetDatabase } from "./support/helpers";
import { callServerAction, serverAction } from "./support/server-actions";
import { freshLoopback, signInFrom } from "./support/http";

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;

test.beforeAll(() => resetDatabase());
test.afterAll(() => resetDatabase()); // unlock the account for the next files

test("five wrong passwords throttle this browser for 15 minutes, in French, even for the right password — the person still signs in from elsewhere", async ({ page }) => {
  const email = "nicolas.moreau@autre-entreprise.fr";
  await page.goto("/login");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email du compte douane.gouv").fill(email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(`mauvais-${i}`);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Connexion impossible" })).toContainText("Email ou mot de passe incorrect.");
  }
  await page.getByLabel("Mot de passe", { exact: true }).fill("Demo-Console-2026!");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Connexion impossible" })).toContainText("suspendues pendant 15 minutes au plus");
  await expect(page).toHaveURL(/\/login/);
  // Someone's guesses never lock the person out: from another machine, the right password works.
  expect((await signInFrom(freshLoopback(), BASE, email, "Demo-Console-2026!")).error).toBeNull();
});

test("request bodies are limited: an oversized server action post is refused with 413", async ({ page, baseURL }) => {
  await login(page, CORRESPONDENT);
  const action = serverAction("nameCorrespondentAction");
  const small = await callServerAction(page.request, baseURL!, action, [{ siret: "12345678200010", userId: "personne" }]);
  expect(small.response.status()).toBe(200);
  expect(small.text).toContain("ne peut pas être nommée");
  const huge = await callServerAction(page.request, baseURL!, action, [{ siret: "12345678200010", userId: "x".repeat(400 * 1024) }]);
  expect(huge.response.status()).toBe(413);
});
