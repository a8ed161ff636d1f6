import { expect, test } from "@playwright/test";
import { expectNoViolations } from "./support/a11y";
import { AGENT, CORRESPONDENT, TRAINER, backToRealTime, login, logout, resetDatabase } from "./support/helpers";
import { apiCard, openDemoAccount, runScenario } from "./support/habilitations";

const TOKEN = "Jeton-Recepteur-Demo-0001";

test.beforeEach(() => resetDatabase());

test.describe("with the trainer's demo clock", () => {
  test.afterEach(({ page }) => backToRealTime(page));

  test("a test callback to the demo receiver succeeds and shows in both histories (sent, received)", async ({ page, baseURL }) => {
    runScenario({ grant: ["GAMMA2"] });
    await login(page, CORRESPONDENT);
    await openDemoAccount(page);
    let card = apiCard(page, "Gamma2");

    // The url field documents the demo receiver's address for this account and API.
    await card.getByRole("button", { name: "Modifier" }).click();
    const hint = card.getByTestId("GAMMA2-demo-receiver-hint");
    await expect(hint).toContainText("Pour une démo sur cette machine, utilisez");
    const receiverUrl = (await hint.locator("code").textContent())!;
    expect(receiverUrl).toMatch(new RegExp(`^${baseURL!.replace(/\./g, "\\.")}/recepteur-demo/[a-z0-9]+/gamma2$`));
    await hint.getByRole("button", { name: "Utiliser cette adresse" }).click();
    await expect(card.getByLabel("url")).toHaveValue(receiverUrl);
    await card.getByLabel("token").fill(TOKEN);
    await card.getByRole("button", { name: "Enregistrer" }).click();
    await expect(card.getByTestId("GAMMA2-url-pending")).toContainText(receiverUrl);

    // Not yet effective: the button is disabled, and says until when (the server refuses it too).
    const disabled = card.getByRole("button", { name: "Envoyer un appel retour de test Gamma2" });
    await expect(disabled).toBeDisabled();
    await expect(disabled).toHaveAccessibleDescription(/^Aucune url active pour Gamma2 : la nouvelle adresse prendra effet au plus tard le .+\.$/);
    await expect(page.getByText("Aucun appel retour de test envoyé pour ce compte.")).toBeVisible();
    await logout(page);

    // Gamma2's delay is 15 min: the trainer moves the console's clock past it.
    await login(page, TRAINER);
    await page.goto("/formation");
    await page.getByRole("button", { name: "Avancer de 15 min" }).click();
    await expect(page.getByText("Horloge de démonstration : +15 min.")).toBeVisible();
    // Trainers read the callbacks but do not send them.
    await openDemoAccount(page);
    await expect(page.getByRole("heading", { name: "Appels retours de test" })).toBeVisible();
    await expect(page.getByRole("button", { name: /Envoyer un appel retour de test/ })).toHaveCount(0);
    await logout(page);

    await login(page, CORRESPONDENT);
    await openDemoAccount(page);
    card = apiCard(page, "Gamma2");
    await expect(card.getByTestId("GAMMA2-url-active")).toContainText(receiverUrl);
    await card.getByRole("button", { name: "Envoyer un appel retour de test Gamma2" }).click();
    const dialog = page.getByRole("dialog", { name: "Envoyer un appel retour de test Gamma2 ?" });
    await expect(dialog).toContainText(`POST ${receiverUrl}/mouvements/{ref}/evenements`);
    await expect(dialog).toContainText("Authorization: Bearer ••••");
    await expectNoViolations(page, "send confirmation dialog");
    await dialog.getByRole("button", { name: "Envoyer l'appel retour" }).click();
    await expect(card.getByText(/^Appel retour de test Gamma2 envoyé\. Appel retour accepté : HTTP 200 en \d+ ms\.$/)).toBeVisible();

    // Sent: the URL called, the status, the latency, the receiver's acknowledgement.
    const sent = page.getByTestId("sent-callback");
    await expect(sent).toHaveCount(1);
    await expect(sent).toContainText("Gamma2");
    await expect(sent).toContainText("HTTP 200");
    await expect(sent).toContainText(`${receiverUrl}/mouvements/`);
    await expect(sent).toContainText(/\d+ ms/);
    await expect(sent).toContainText("par correspondant@demo.fr");
    await sent.getByText("Afficher la réponse").click();
    await expect(sent).toContainText('"statut":"RECU"');

    // Received by the demo receiver: the path, the token judged valid, the message.
    const received = page.getByRole("region", { name: "Reçus par le récepteur de démonstration" }).getByTestId("received-callback");
    await expect(received).toHaveCount(1);
    await expect(received).toContainText("Token valide");
    await expect(received).toContainText(/\/recepteur-demo\/[a-z0-9]+\/gamma2\/mouvements\/\d{2}FR[0-9A-Z]{17}\/evenements/);
    await received.getByText("Afficher le message").click();
    await expect(received).toContainText('"typeMessage":"EVENEMENT_MOUVEMENT"');

    await expect(page.getByRole("region", { name: "Historique" })).toContainText("Appel retour de test envoyé");
    expect(await page.content()).not.toContain(TOKEN);
    await expectNoViolations(page, "account page with both histories open");

    // The Aide documents the messages and the receiver.
    await page.goto("/aide/appels-retours");
    await expect(page.getByRole("heading", { name: "Le récepteur de démonstration" })).toBeVisible();
    await expect(page.getByText("Gamma2 — POST <url active>/mouvements/{ref}/evenements")).toBeVisible();
    await expectNoViolations(page, "/aide/appels-retours");
  });
});

test("from the customs desk, a callback to a private address is refused with a clear message", async ({ page }) => {
  runScenario({
    grant: ["DELTA_H7"],
    data: { DELTA_H7: { url: "https://retours.transports-exemple.fr/dh7", token: "Jeton-DH7-0001" } },
    activeUrl: { DELTA_H7: "https://10.20.30.40/retours" },
  });
  await login(page, AGENT);
  await page.goto("/douane?etat=acceptee");
  await page.getByTestId("queue-row").filter({ hasText: "api-demo-1" }).getByRole("link", { name: /Voir/ }).click();
  await expect(page.getByRole("heading", { name: "Demande d'habilitation — api-demo-1" })).toBeVisible();

  const target = page.getByTestId("callback-target-DELTA_H7");
  await expect(target).toContainText("Url active : https://10.20.30.40/retours");
  await target.getByRole("button", { name: "Envoyer un appel retour de test DeltaH7" }).click();
  const dialog = page.getByRole("dialog", { name: "Envoyer un appel retour de test DeltaH7 ?" });
  await expect(dialog).toContainText("POST https://10.20.30.40/retours/declarations/{ref}/reponses");
  await dialog.getByRole("button", { name: "Envoyer l'appel retour" }).click();
  await expect(target.getByRole("status")).toHaveText(
    "Appel refusé par la console : Adresse 10.20.30.40 : adresse privée, locale ou réservée refusée. La douane n'appelle que des adresses publiques.",
  );

  await expectNoViolations(page, "customs desk request with a refused callback");
  // Recorded in the history, with no answer.
  const sent = page.getByTestId("sent-callback");
  await expect(sent).toHaveCount(1);
  await expect(sent).toContainText("Sans réponse");
  await expect(sent).toContainText("adresse privée, locale ou réservée refusée");
  await expect(sent).toContainText("par agent@douane.demo");
  await logout(page);

  // The correspondent sees it on the account page too.
  await login(page, CORRESPONDENT);
  await openDemoAccount(page);
  await expect(page.getByTestId("sent-callback")).toContainText("Sans réponse");
  await expect(page.getByText("Le récepteur de démonstration n'a rien reçu pour ce compte.")).toBeVisible();
});
