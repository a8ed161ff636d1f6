import { expect, test, type Page } from "@playwright/test";
import { expectNoViolations } from "./support/a11y";
import { CORRESPONDENT, TRAINER, backToRealTime, loadScenarioFromCli, login, logout, resetDatabase } from "./support/helpers";
import { apiCard } from "./support/habilitations";
import { declareAsOperator } from "./support/operator";

/**
 * The trainer's scenarios and the certification path, in Chromium against the running console.
 * Every test here loads a scenario (and may move the demo clock): the database goes back to the
 * demo data and the clock to real time afterwards, as the next spec files expect.
 */
const DEMO_API_PASSWORD = "Demo-Api-2026!x";

test.beforeAll(() => resetDatabase());
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await backToRealTime(page);
  await page.close();
  resetDatabase();
});

async function loadScenario(page: Page, name: string): Promise<void> {
  await page.goto("/formation");
  await page.getByRole("button", { name: `Charger « ${name} »` }).click();
  const dialog = page.getByRole("dialog", { name: `Charger le scénario « ${name} » ?` });
  await expect(dialog).toContainText("Toutes les données de la console sont effacées");
  await dialog.getByRole("button", { name: "Tout effacer et charger" }).click();
  await expect(page.getByText(`Scénario « ${name} » chargé. La console est à l'heure réelle.`)).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toBeHidden();
}

function accountRow(page: Page, identifiant: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: identifiant, exact: true }) });
}

test("the trainer loads « Trois états »: the list shows one account of each colour", async ({ page }) => {
  await login(page, TRAINER);
  await page.goto("/formation");
  await expect(page.getByRole("heading", { name: "Scénarios" })).toBeVisible();
  for (const name of ["Vierge", "Données de démonstration", "Trois états", "Demande en attente", "Changement d'url en attente", "Demande refusée"]) {
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  }

  // Cancelling changes nothing.
  await page.getByRole("button", { name: "Charger « Trois états »" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoViolations(page, "scenario confirmation dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Annuler" }).click();
  await page.goto("/comptes-api");
  await expect(page.getByTestId("status")).toHaveCount(1);

  await loadScenario(page, "Trois états");
  // The trainer stays signed in (the demo people keep their ids across a load).
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "COMPTES API" }).click();
  await expect(page.getByTestId("status")).toHaveCount(3);
  for (const [identifiant, level] of [
    ["api-demo-1", "red"],
    ["api-demo-2", "yellow"],
    ["api-demo-3", "green"],
  ] as const) {
    await expect(accountRow(page, identifiant).getByTestId("status")).toHaveAttribute("data-level", level);
  }
  await expect(page.locator('[data-testid="status"][data-level="red"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="status"][data-level="yellow"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="status"][data-level="green"]')).toHaveCount(1);
  await expect(accountRow(page, "api-demo-2")).toContainText("PNTS : url à renseigner");
});

test("« Changement d'url en attente »: +4 h on the demo clock and the new url is the active one; then back to real time", async ({ page }) => {
  await login(page, TRAINER);
  await loadScenario(page, "Changement d'url en attente");
  await expect(page.getByTestId("demo-clock-banner")).toHaveCount(0);

  await page.goto("/comptes-api");
  await page.getByRole("link", { name: "api-demo-1", exact: true }).click();
  const card = apiCard(page, "DeltaH7");
  await expect(card.getByTestId("DELTA_H7-url-active")).toContainText(/\/recepteur-demo\/[a-z0-9]+\/dh7\/ancienne-adresse/);
  await expect(card.getByTestId("DELTA_H7-url-pending")).toContainText(/\/recepteur-demo\/[a-z0-9]+\/dh7\/nouvelle-adresse/);
  await expect(card.getByTestId("DELTA_H7-url-pending")).toContainText(/dans [34] h/);

  try {
    await page.goto("/formation");
    await page.getByRole("button", { name: "Avancer de 4 h" }).click();
    await expect(page.getByText("Horloge de démonstration : +4 h.")).toBeVisible();

    await page.goto("/comptes-api");
    await page.getByRole("link", { name: "api-demo-1", exact: true }).click();
    await expect(card.getByTestId("DELTA_H7-url-active")).toContainText(/\/recepteur-demo\/[a-z0-9]+\/dh7\/nouvelle-adresse/);
    await expect(card.getByTestId("DELTA_H7-url-pending")).toHaveCount(0);
    await expect(page.getByTestId("path-step").and(page.locator('[data-step="urlActive"]'))).toContainText("nouvelle-adresse");
  } finally {
    await page.goto("/formation");
    await page.getByRole("button", { name: "Revenir à l'heure réelle" }).click();
    await expect(page.getByText("La console est revenue à l'heure réelle.")).toBeVisible();
  }
  await expect(page.getByTestId("demo-clock-banner")).toHaveCount(0);
});

test("certification path of the green account: every step ticked after a tester run, a test callback and a DeltaH7 declaration; the printable report", async ({ page, baseURL }) => {
  await login(page, TRAINER);
  await loadScenario(page, "Trois états");
  await logout(page);

  await login(page, CORRESPONDENT);
  await page.getByRole("link", { name: "api-demo-3", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Compte API api-demo-3" })).toBeVisible();
  const path = page.getByTestId("certification-path");
  const step = (key: string) => path.locator(`[data-testid="path-step"][data-step="${key}"]`);
  await expect(page.getByRole("link", { name: "Parcours de certification : 5 étapes sur 9" })).toBeVisible();
  await expect(path.getByRole("progressbar", { name: /5 étapes sur 9/ })).toHaveAttribute("value", "5");
  for (const key of ["created", "requested", "approved", "complete", "urlActive"]) {
    await expect(step(key)).toHaveAttribute("data-done", "true");
    await expect(step(key).getByTestId("path-step-state")).toHaveText(/^Fait le (?:1er|\d{1,2}) \S+ \d{4} à \d{2}:\d{2}$/);
  }
  await expect(step("token")).toHaveAttribute("data-done", "false");
  await expect(step("token").getByTestId("path-step-state")).toHaveText("Prochaine étape");

  // The "?" explains a step (keyboard: the summary is a button-like control).
  const help = step("urlActive").getByLabel("À quoi correspond l'étape « URL active » ?");
  await help.focus();
  await page.keyboard.press("Enter");
  await expect(step("urlActive")).toContainText("pas une url encore en attente de son délai d'activation");
  await expectNoViolations(page, "account page with its certification path");

  // The tester, from the account page: token on the Simulateur and a call to DeltaH7.
  await page.getByRole("link", { name: "Tester l'obtention d'un jeton" }).click();
  await expect(page.getByLabel("Identifiant du compte API")).toHaveValue("api-demo-3");
  await page.getByLabel("Mot de passe du compte API").fill(DEMO_API_PASSWORD);
  await page.getByLabel("URL d'une API à appeler avec le jeton (facultatif)").fill(`${baseURL}/dh7/declarations`);
  await page.getByRole("button", { name: "Tester l'obtention d'un jeton" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("api-status")).toHaveText("HTTP 200");

  await page.goto("/comptes-api");
  await page.getByRole("link", { name: "api-demo-3", exact: true }).click();
  await expect(path.getByTestId("path-progress-text")).toHaveText("7 étapes sur 9");
  await expect(step("token")).toHaveAttribute("data-done", "true");
  await expect(step("token")).toContainText("Simulateur");
  await expect(step("apiCall")).toHaveAttribute("data-done", "true");
  await expect(step("apiCall")).toContainText("/dh7/declarations → 200 (Simulateur)");
  await expect(step("callback")).toHaveAttribute("data-done", "false");

  // A test callback from the DeltaH7 card: customs calls the active url, the demo receiver checks the token.
  const card = apiCard(page, "DeltaH7");
  await card.getByRole("button", { name: "Envoyer un appel retour de test DeltaH7" }).click();
  const dialog = page.getByRole("dialog", { name: "Envoyer un appel retour de test DeltaH7 ?" });
  await expect(dialog).toContainText("/recepteur-demo/");
  await dialog.getByRole("button", { name: "Envoyer l'appel retour" }).click();
  await expect(card.getByText(/^Appel retour de test DeltaH7 envoyé\. Appel retour accepté : HTTP 200 en \d+ ms\.$/)).toBeVisible();
  await expect(path.getByTestId("path-progress-text")).toHaveText("8 étapes sur 9");
  await expect(step("callback")).toContainText("DeltaH7 : reçu par le récepteur de démonstration, token valide");
  await expect(step("dh7Exchange")).toHaveAttribute("data-done", "false");
  await expect(step("dh7Exchange").getByTestId("path-step-state")).toHaveText("Prochaine étape");
  await expect(step("dh7Exchange")).toContainText("POST /dh7/declarations/creer");

  // The operator's software declares on the customs API host; customs' Response_H7 reaches the demo receiver.
  const ack = declareAsOperator("LRN-PARCOURS-E2E", "api-demo-3");
  expect(ack).toMatchObject({ status: 202, body: { status: "RECEIVED", lrn: "LRN-PARCOURS-E2E" } });
  await page.reload();
  await expect(path.getByTestId("path-progress-text")).toHaveText("9 étapes sur 9");
  await expect(path).toContainText("parcours terminé");
  await expect(path.getByRole("progressbar", { name: /9 étapes sur 9/ })).toHaveAttribute("value", "9");
  await expect(step("dh7Exchange")).toContainText(/Response_H7 \(MRN \d{2}FRH7\d{12}\) : réponse reçue par votre système \(HTTP 200\)/);
  for (const s of await path.getByTestId("path-step").all()) {
    await expect(s).toHaveAttribute("data-done", "true");
    await expect(s.getByTestId("path-step-state")).toHaveText(/^Fait le (?:1er|\d{1,2}) \S+ \d{4} à \d{2}:\d{2}$/);
  }
  await expect(page.getByRole("link", { name: "Parcours de certification : 9 étapes sur 9" })).toBeVisible();

  // The printable report: company, SIRET, account, steps with dates, generated-at; no menus when printed.
  await path.getByRole("link", { name: "Rapport imprimable" }).click();
  await expect(page.getByRole("heading", { name: "Parcours de certification — compte API api-demo-3" })).toBeVisible();
  const report = page.getByRole("article");
  await expect(report).toContainText("Import Export Atlantique");
  await expect(report).toContainText("555 555 556 00011");
  await expect(report.getByTestId("report-generated-at")).toContainText("(heure de Paris)");
  await expect(report.locator('[data-testid="path-step"][data-done="true"]')).toHaveCount(9);
  await expect(report.getByRole("progressbar")).toHaveAttribute("value", "9");
  await expect(report).toContainText("parcours terminé");
  await expectNoViolations(page, "printable report");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Menu principal" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Imprimer ou enregistrer en PDF" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Fil d'Ariane" })).toBeHidden();
  await expect(report.getByRole("heading", { name: /Parcours de certification — compte API/ })).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "Imprimer ou enregistrer en PDF" })).toBeVisible();
});

test("the printable report is read through the policy: another company's correspondent gets a 404", async ({ page }) => {
  loadScenarioFromCli("trois-etats");
  await login(page, CORRESPONDENT);
  await page.getByRole("link", { name: "api-demo-3", exact: true }).click();
  await page.getByTestId("certification-path").getByRole("link", { name: "Rapport imprimable" }).click();
  const reportUrl = page.url();
  await logout(page);
  await login(page, "autre@demo.fr");
  const response = await page.goto(reportUrl);
  expect(response?.status()).toBe(404);
});
