import { expect, test } from "@playwright/test";
import { AGENT, CORRESPONDENT, TRAINER, backToRealTime, login, logout, resetDatabase } from "./support/helpers";
import { accountStatus, apiCard, openDemoAccount, runScenario } from "./support/habilitations";

const REASON = "Aucun entrepôt agréé sous douane déclaré pour ce SIRET.";
const URL_DH7 = "https://douane.transports-exemple.fr/retours";

test.beforeEach(() => resetDatabase());

test("journey: request DeltaH7 + Gamma2 → customs approves one, refuses the other → data filled → green, pending url, decision message", async ({ page }) => {
  // The correspondent asks for two APIs from the account page (the account starts red).
  await login(page, CORRESPONDENT);
  await openDemoAccount(page);
  await expect(accountStatus(page)).toHaveAttribute("data-level", "red");
  await page.getByRole("button", { name: "Demander une habilitation" }).click();
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(page.locator("#request-apis-error")).toHaveText("Choisissez au moins une API.");
  await page.getByRole("checkbox", { name: /DeltaH7/ }).check();
  await page.getByRole("checkbox", { name: /Gamma2/ }).check();
  await page.getByLabel("Message pour la douane (facultatif)").fill("Mise en production prévue le mois prochain.");
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(page.getByText("Demande d'habilitation envoyée à la douane pour : DeltaH7, Gamma2.")).toBeVisible();
  const request = page.getByTestId("request").first();
  await expect(request.getByTestId("request-status")).toHaveText("En attente de la douane");
  await expect(request).toContainText("Mise en production prévue le mois prochain.");
  await logout(page);

  // The customs agent finds it in the queue (oldest first) and decides per API.
  await login(page, AGENT);
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "DOUANE" }).click();
  await expect(page.getByRole("heading", { name: "Demandes d'habilitation" })).toBeVisible();
  const row = page.getByTestId("queue-row").filter({ hasText: "api-demo-1" });
  await expect(row).toContainText("123 456 782 00010");
  await expect(row).toContainText("DeltaH7");
  await row.getByRole("link", { name: /Traiter/ }).click();
  await expect(page.getByRole("heading", { name: "Demande d'habilitation — api-demo-1" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Établissement" })).toContainText("Transports Exemple SAS");
  await page.getByTestId("decision-DeltaH7").getByRole("radio", { name: "Accorder" }).check();
  await page.getByTestId("decision-Gamma2").getByRole("radio", { name: "Refuser" }).check();
  await page.getByRole("button", { name: "Enregistrer les décisions" }).click();
  await expect(page.getByText("Un refus doit être motivé")).toBeVisible();
  await page.getByLabel("Motif du refus Gamma2").fill(REASON);
  await page.getByRole("button", { name: "Enregistrer les décisions" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirmer la décision ?" });
  await expect(dialog).toContainText("DeltaH7 : accorder");
  await expect(dialog).toContainText(`Gamma2 : refuser (motif : ${REASON})`);
  await dialog.getByRole("button", { name: "Confirmer et notifier" }).click();
  await expect(page.getByText("Décision enregistrée et notifiée : DeltaH7 accordée, Gamma2 refusée.")).toBeVisible();
  await expect(page.getByTestId("request-status")).toHaveText("Partiellement acceptée");

  // The agent sees the operator's data read-only: no way to edit url/token.
  await page.getByRole("link", { name: "api-demo-1", exact: true }).click();
  const agentCard = apiCard(page, "DeltaH7");
  await expect(agentCard).toBeVisible();
  await expect(agentCard.getByRole("button", { name: /Modifier/ })).toHaveCount(0);
  await expect(agentCard.getByRole("textbox")).toHaveCount(0);
  await expect(agentCard.getByRole("button", { name: /Afficher le token/ })).toHaveCount(0);
  await expect(page.getByText("Consultation seule : seuls les correspondants entreprise du SIRET modifient ces données.")).toBeVisible();
  await logout(page);

  // The correspondent sees yellow, what is missing, and the refusal reason.
  await login(page, CORRESPONDENT);
  await openDemoAccount(page);
  await expect(accountStatus(page)).toHaveAttribute("data-level", "yellow");
  await expect(accountStatus(page)).toContainText("Données manquantes");
  await expect(accountStatus(page)).toContainText("DeltaH7 : url à renseigner");
  await expect(accountStatus(page)).toContainText("DeltaH7 : token à renseigner");
  await expect(page.getByTestId("refusal-reason")).toHaveText(REASON);
  await expect(page.getByTestId("request").first().getByTestId("request-status")).toHaveText("Partiellement acceptée");

  // Fills url and token → green at once; the url is pending until now + 4 h.
  const card = apiCard(page, "DeltaH7");
  await card.getByRole("button", { name: "Modifier" }).click();
  await expect(card).toContainText("deltah7.integration@douane.demo");
  await expect(card).toContainText("ouvert sur le réseau de la douane");
  await card.getByLabel("url").fill(URL_DH7);
  await card.getByLabel("token").fill("Jeton-Retour-DH7-0001");
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect(card.getByText(/Données DeltaH7 enregistrées\. Le changement d'url prendra effet au plus tard le/)).toBeVisible();
  await expect(accountStatus(page)).toHaveAttribute("data-level", "green");
  await expect(accountStatus(page)).toContainText("Habilité, données complètes");

  const pendingUrl = card.getByTestId("DELTA_H7-url-pending");
  await expect(pendingUrl).toContainText(URL_DH7);
  await expect(pendingUrl).toContainText(/Prendra effet au plus tard le (?:1er|\d{1,2}) \S+ \d{4} à \d{2}:\d{2} \(heure de Paris\)/);
  const effectiveAt = await pendingUrl.locator("time").getAttribute("datetime");
  expect(Math.abs(Date.parse(effectiveAt!) - (Date.now() + 4 * 3600_000))).toBeLessThan(120_000);
  await expect(card.getByTestId("DELTA_H7-url-active")).toContainText("aucune pour l'instant");
  const countdown = pendingUrl.getByTestId("countdown");
  await expect(countdown).toHaveText(/^3 h 5\d min \d\d s$/);
  const before = await countdown.textContent();
  await expect(countdown).not.toHaveText(before!, { timeout: 5_000 }); // live
  await expect(card.getByTestId("DELTA_H7-token-masked")).toBeVisible();
  await expect(page.getByText("Jeton-Retour-DH7-0001")).toHaveCount(0);

  // The list shows green too.
  await page.goto("/comptes-api?statut=vert");
  await expect(page.getByRole("row", { name: /api-demo-1/ }).getByTestId("status")).toHaveAttribute("data-level", "green");

  // The outbox ("Messages") holds the decision message.
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Messages" }).click();
  await expect(page.getByRole("heading", { name: "Messages" })).toBeVisible();
  const decision = page.getByTestId("message").filter({ hasText: "Décision de la douane sur la demande d'habilitation — api-demo-1" });
  await expect(decision).toHaveCount(1);
  await decision.locator("summary").click();
  await expect(decision).toContainText("api-demo-1@transports-exemple.fr, correspondant@demo.fr");
  await expect(decision).toContainText("DeltaH7 : habilitation accordée");
  await expect(decision).toContainText(`Gamma2 : habilitation refusée — motif : ${REASON}`);
  await expect(page.getByTestId("message").filter({ hasText: "Changement d'url programmé — DeltaH7 — api-demo-1" })).toHaveCount(1);
});

test("the customs desk is closed to correspondents (404) and absent from their menu", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await expect(page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "DOUANE" })).toHaveCount(0);
  for (const path of ["/douane", "/douane/catalogue", "/douane/catalogue/GAMMA2", "/douane/demandes/inconnue"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  }
});

test("per-API data: validation, audited token reveal, url replacement restarts the delay, cancel", async ({ page }) => {
  runScenario({ grant: ["DELTA_H7", "GAMMA2"] });
  await login(page, CORRESPONDENT);
  await page.goto("/comptes-api?statut=jaune");
  await expect(page.getByRole("row", { name: /api-demo-1/ })).toContainText("Gamma2 : url à renseigner");
  await openDemoAccount(page);
  const card = apiCard(page, "Gamma2");

  await card.getByRole("button", { name: "Modifier" }).click();
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect(card.getByText("L'url est obligatoire.")).toBeVisible();
  await expect(card.getByText("Le token est obligatoire.")).toBeVisible();
  await card.getByLabel("url").fill("http://gamma.transports-exemple.fr/retours");
  await card.getByLabel("token").fill("Gamma-Token-1");
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect(card.locator("[id='GAMMA2-url-error']")).toContainText("L'url doit être en https");
  await card.getByRole("button", { name: "Annuler" }).click(); // nothing is saved
  await expect(card.getByText("Non renseigné (obligatoire)")).toHaveCount(2);

  await card.getByRole("button", { name: "Modifier" }).click();
  await card.getByLabel("url").fill("https://gamma.transports-exemple.fr/v1");
  await card.getByLabel("token").fill("Gamma-Token-1");
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect(card.getByTestId("GAMMA2-url-pending")).toContainText("https://gamma.transports-exemple.fr/v1");
  await expect(card.getByTestId("GAMMA2-url-pending").getByTestId("countdown")).toHaveText(/^1[45] min \d\d s$/);
  const firstTime = await card.getByTestId("GAMMA2-url-pending").locator("time").getAttribute("datetime");

  // Explicit, audited reveal.
  await card.getByRole("button", { name: "Afficher le token" }).click();
  await expect(card.getByTestId("GAMMA2-token-revealed")).toHaveText("Gamma-Token-1");
  await card.getByRole("button", { name: "Masquer" }).click();
  await expect(card.getByTestId("GAMMA2-token-masked")).toBeVisible();

  // A second change replaces the pending one and restarts the delay; the token left empty is kept.
  await page.waitForTimeout(1_100);
  await card.getByRole("button", { name: "Modifier" }).click();
  await expect(card.getByText("Un changement d'url est déjà programmé")).toBeVisible();
  await card.getByLabel("url").fill("https://gamma.transports-exemple.fr/v2");
  await card.getByRole("button", { name: "Enregistrer" }).click();
  const pending = card.getByTestId("GAMMA2-url-pending");
  await expect(pending).toContainText("https://gamma.transports-exemple.fr/v2");
  await expect(pending).not.toContainText("/v1");
  const secondTime = await pending.locator("time").getAttribute("datetime");
  expect(Date.parse(secondTime!)).toBeGreaterThan(Date.parse(firstTime!));
  await card.getByRole("button", { name: "Afficher le token" }).click();
  await expect(card.getByTestId("GAMMA2-token-revealed")).toHaveText("Gamma-Token-1");

  // Cancel the pending (first) url: no url at all → the account is yellow again.
  await pending.getByRole("button", { name: "Annuler le changement d'url" }).click();
  const dialog = page.getByRole("dialog", { name: "Annuler le changement d'url ?" });
  await dialog.getByRole("button", { name: "Annuler le changement" }).click();
  await expect(card.getByText(/est annulé : l'adresse active reste inchangée\. Aucune url n'étant active, le compte repasse au statut jaune\./)).toBeVisible();
  await expect(card.getByTestId("GAMMA2-url-pending")).toHaveCount(0);
  await expect(accountStatus(page)).toContainText("Gamma2 : url à renseigner");

  const history = page.getByRole("region", { name: "Historique" });
  await expect(history).toContainText("Token affiché en clair");
  await expect(history).toContainText("Changement d'url programmé");
  await expect(history).toContainText("Changement d'url annulé");
  await expect(history).not.toContainText("Gamma-Token-1");
});

test("a pending request can be withdrawn; the customs queue filters by state, API and SIRET", async ({ page }) => {
  await login(page, CORRESPONDENT);
  await openDemoAccount(page);
  await page.getByRole("button", { name: "Demander une habilitation" }).click();
  await page.getByRole("checkbox", { name: /PNTS/ }).check();
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(page.getByTestId("request").first().getByTestId("request-status")).toHaveText("En attente de la douane");
  await page.getByRole("button", { name: "Retirer la demande" }).click();
  const dialog = page.getByRole("dialog", { name: "Retirer la demande d'habilitation ?" });
  await expect(dialog).toContainText("PNTS");
  await dialog.getByRole("button", { name: "Retirer la demande" }).click();
  await expect(page.getByTestId("request").first().getByTestId("request-status")).toHaveText("Retirée");
  await expect(page.getByRole("button", { name: "Retirer la demande" })).toHaveCount(0);
  await logout(page);

  await login(page, AGENT);
  await page.goto("/douane");
  await expect(page.getByText("Aucune demande en attente")).toBeVisible();
  await page.getByLabel("État").selectOption("retiree");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/etat=retiree/);
  await expect(page.getByTestId("queue-row")).toHaveCount(1);
  await expect(page.getByTestId("queue-row")).toContainText("PNTS");
  await page.getByLabel("API").selectOption("GAMMA2");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByText("Aucune demande ne correspond à ces filtres")).toBeVisible();
  await page.getByLabel("API").selectOption("PNTS");
  await page.getByLabel("SIRET").fill("123456782");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByTestId("queue-row")).toHaveCount(1);
  await page.getByLabel("SIRET").fill("98765");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByTestId("queue-row")).toHaveCount(0);
});

test("customs revokes a habilitation with a reason; the correspondent is notified and the account turns red", async ({ page }) => {
  runScenario({ grant: ["DELTA_H7"], data: { DELTA_H7: { url: URL_DH7, token: "t-1" } } });
  await login(page, AGENT);
  await openDemoAccount(page);
  await expect(accountStatus(page)).toHaveAttribute("data-level", "green");
  const card = apiCard(page, "DeltaH7");
  await card.getByRole("button", { name: /Révoquer/ }).click();
  const dialog = page.getByRole("dialog", { name: "Révoquer l'habilitation DeltaH7 ?" });
  await dialog.getByRole("button", { name: "Révoquer l'habilitation" }).click();
  await expect(dialog).toContainText("Indiquez le motif");
  await dialog.getByLabel("Motif de la révocation").fill("Usage non conforme constaté lors d'un contrôle.");
  await dialog.getByRole("button", { name: "Révoquer l'habilitation" }).click();
  await expect(page.getByTestId("revoked-habilitations")).toContainText("DeltaH7 — révoquée le");
  await expect(page.getByTestId("revoked-habilitations")).toContainText("motif : Usage non conforme constaté lors d'un contrôle.");
  await expect(dialog).toBeHidden();
  await expect(accountStatus(page)).toHaveAttribute("data-level", "red");
  await expect(apiCard(page, "DeltaH7")).toHaveCount(0);
  await logout(page);

  await login(page, CORRESPONDENT);
  await page.goto("/messages");
  const message = page.getByTestId("message").filter({ hasText: "Habilitation DeltaH7 révoquée — api-demo-1" });
  await message.locator("summary").click();
  await expect(message).toContainText("Motif : Usage non conforme constaté lors d'un contrôle.");
  await openDemoAccount(page);
  await expect(page.getByRole("region", { name: "Historique" })).toContainText("Habilitation révoquée");
});

test("customs edits the catalogue: the delay and an extra required field change what operators see", async ({ page }) => {
  runScenario({ grant: ["GAMMA2"], data: { GAMMA2: { url: "https://gamma.transports-exemple.fr/v1", token: "t" } } });
  await login(page, AGENT);
  await page.goto("/douane/catalogue");
  await expect(page.getByTestId("catalogue-DELTA_H7").getByTestId("delay")).toHaveText("4 h");
  await expect(page.getByTestId("catalogue-GAMMA2").getByTestId("delay")).toHaveText("15 min");
  await page.getByRole("link", { name: "Modifier Gamma2" }).click();
  await expect(page.getByRole("heading", { name: "API Gamma2" })).toBeVisible();
  await page.getByLabel("Délai d'activation d'une nouvelle url (minutes)").fill("0");
  await page.getByRole("button", { name: "Enregistrer l'API" }).click();
  await expect(page.getByText("Le délai est d'au moins 1 minute")).toBeVisible();
  await page.getByLabel("Délai d'activation d'une nouvelle url (minutes)").fill("30");
  await page.getByRole("button", { name: "Enregistrer l'API" }).click();
  await expect(page.getByText("L'API Gamma2 est enregistrée.")).toBeVisible();

  await expect(page.getByTestId("catalogue-field-url").getByRole("button", { name: /Supprimer/ })).toHaveCount(0);
  await page.getByRole("button", { name: "+ Ajouter un champ" }).click();
  await page.getByLabel("Clé technique").fill("numeroAccises");
  await page.getByLabel("Libellé").fill("Numéro d'accises");
  await page.getByLabel("Type").selectOption("TEXT");
  await page.getByRole("button", { name: "Ajouter le champ" }).click();
  await expect(page.getByText("Champ « Numéro d'accises » ajouté à Gamma2.")).toBeVisible();
  await expect(page.getByTestId("catalogue-field-numeroAccises")).toContainText("Oui");
  await page.goto("/douane/catalogue");
  await expect(page.getByTestId("catalogue-GAMMA2").getByTestId("delay")).toHaveText("30 min");
  await logout(page);

  await login(page, CORRESPONDENT);
  await openDemoAccount(page);
  await expect(accountStatus(page)).toHaveAttribute("data-level", "yellow");
  await expect(accountStatus(page)).toContainText("Gamma2 : numéro d'accises à renseigner");
  const card = apiCard(page, "Gamma2");
  await expect(card).toContainText("délai d'activation d'une url : 30 min");
  await card.getByRole("button", { name: "Modifier" }).click();
  await card.getByLabel("Numéro d'accises").fill("FR0AB123456789");
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect(accountStatus(page)).toHaveAttribute("data-level", "green");
  await expect(card).toContainText("FR0AB123456789");
});

test.describe("with the trainer's demo clock", () => {
  test.afterEach(({ page }) => backToRealTime(page));

  test("the pending url takes effect when the console's time passes it; 'Nouvelle url active' is written once", async ({ page }) => {
    const url = "https://gamma.transports-exemple.fr/retours";
    runScenario({ grant: ["GAMMA2"], data: { GAMMA2: { url, token: "t-gamma" } } });
    await login(page, CORRESPONDENT);
    await openDemoAccount(page);
    await expect(apiCard(page, "Gamma2").getByTestId("GAMMA2-url-pending")).toContainText(url);
    await logout(page);

    await login(page, TRAINER);
    await page.goto("/formation");
    await page.getByRole("button", { name: "Avancer de 15 min" }).click();
    await expect(page.getByText("Horloge de démonstration : +15 min.")).toBeVisible();
    await logout(page);

    await login(page, CORRESPONDENT);
    await openDemoAccount(page);
    const card = apiCard(page, "Gamma2");
    await expect(card.getByTestId("GAMMA2-url-pending")).toHaveCount(0);
    await expect(card.getByTestId("GAMMA2-url-active")).toContainText(url);
    await expect(card.getByTestId("GAMMA2-url-active")).toContainText("depuis le");
    await expect(page.getByRole("region", { name: "Historique" })).toContainText("Nouvelle url active");
    for (let i = 0; i < 2; i++) {
      await page.goto("/messages");
      await expect(page.getByTestId("message").filter({ hasText: "Nouvelle url active — Gamma2 — api-demo-1" })).toHaveCount(1);
    }
  });
});
