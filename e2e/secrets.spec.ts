/**
 * Secrets (issue 6/6): create accounts, per-API tokens, OAuth tokens and callbacks through the UI, then
 * search the database files, the server's log, every rendered page and every response the browser
 * received for the plaintext passwords and per-API tokens: 0 hits, except the explicit reveal.
 */
import { readFileSync } from "node:fs";
import { expect, test, type Response, type Route } from "@playwright/test";
import { AGENT, CORRESPONDENT, DEMO_PASSWORD, TRAINER, login, logout, resetDatabase } from "./support/helpers";
import { apiCard, openDemoAccount, runScenario } from "./support/habilitations";
import { serverAction } from "./support/server-actions";

const NEW_ACCOUNT_PASSWORD = "Secret-Compte-2026!Zq";
const DEMO_API_NEW_PASSWORD = "Secret-Bascule-2026!Wx";
const TOKEN_DH7 = "Jeton-Secret-DH7-9f8e7d6c";
const TOKEN_IE = "Jeton-Secret-IE-1a2b3c4d";
// The federation's client secret (scripts/e2e-env.sh; e2e/federation.spec.ts signs in through it before this suite runs) too.
const SECRETS = [NEW_ACCOUNT_PASSWORD, DEMO_API_NEW_PASSWORD, "Demo-Api-2026!x", DEMO_PASSWORD, TOKEN_DH7, TOKEN_IE, "e2e-oidc-secret-not-for-production"];

test.beforeAll(() => resetDatabase());
test.afterAll(() => resetDatabase());

function hits(haystack: string | Buffer, where: string): string[] {
  const text = typeof haystack === "string" ? haystack : haystack.toString("latin1");
  return SECRETS.filter((s) => text.includes(s) || text.includes(encodeURIComponent(s))).map((s) => `${s} dans ${where}`);
}

test("no plaintext password or per-API token in the database, the logs, the pages or the responses", async ({ page, request }) => {
  test.setTimeout(180_000);
  runScenario({ grant: ["DELTA_H7", "DELTA_IE"] });
  const revealId = serverAction("revealSecretAction").id;
  const responses: Promise<{ url: string; body: string; reveal: boolean }>[] = [];
  page.on("response", (r: Response) => {
    responses.push(
      (async () => {
        const headers = await r.request().allHeaders();
        const body = await r.text().catch(() => "");
        return { url: r.url(), body, reveal: headers["next-action"] === revealId };
      })(),
    );
  });

  // A new account with its password (UI).
  await login(page, CORRESPONDENT);
  await page.goto("/comptes-api/nouveau");
  await page.getByLabel("Identifiant").fill("api-secrets");
  await page.getByLabel("Email").fill("secrets@logistique-demo.fr");
  await page.getByLabel("Siret").selectOption("98765432400019");
  await page.getByLabel("Mot de passe", { exact: true }).fill(NEW_ACCOUNT_PASSWORD);
  await page.getByLabel("Contrôle du mot de passe").fill(NEW_ACCOUNT_PASSWORD);
  await page.getByRole("button", { name: "Créer le compte technique" }).click();
  await expect(page).toHaveURL(/cree=api-secrets/);

  // Per-API tokens (UI); DeltaIE's url on the demo receiver, made active for the callback.
  await openDemoAccount(page);
  let card = apiCard(page, "DeltaH7");
  await card.getByRole("button", { name: "Modifier" }).click();
  await card.getByLabel("url").fill("https://retours.transports-exemple.fr/dh7");
  await card.getByLabel("token").fill(TOKEN_DH7);
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect(card.getByTestId("DELTA_H7-url-pending")).toBeVisible();
  card = apiCard(page, "DeltaIE");
  await card.getByRole("button", { name: "Modifier" }).click();
  const receiverUrl = (await card.getByTestId("DELTA_IE-demo-receiver-hint").locator("code").textContent())!;
  await card.getByLabel("url").fill(receiverUrl);
  await card.getByLabel("token").fill(TOKEN_IE);
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect(card.getByTestId("DELTA_IE-url-pending")).toBeVisible();
  runScenario({ activeUrl: { DELTA_IE: receiverUrl } });

  // A test callback carries TOKEN_IE to the demo receiver.
  await page.reload();
  card = apiCard(page, "DeltaIE");
  await card.getByRole("button", { name: "Envoyer un appel retour de test DeltaIE" }).click();
  await page.getByRole("dialog", { name: "Envoyer un appel retour de test DeltaIE ?" }).getByRole("button", { name: "Envoyer l'appel retour" }).click();
  await expect(card.getByText(/Appel retour accepté : HTTP 200/)).toBeVisible();

  // The password change (UI), then tokens obtained with the new password (tester and a stock client).
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(DEMO_API_NEW_PASSWORD);
  await page.getByLabel("Contrôle du mot de passe").fill(DEMO_API_NEW_PASSWORD);
  await page.getByLabel(/Je confirme que tous les systèmes/).check();
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await page.getByRole("dialog", { name: "Confirmer le changement de mot de passe ?" }).getByRole("button", { name: "Confirmer le changement" }).click();
  await expect(page.getByText(/Le mot de passe a été changé/)).toBeVisible();
  await page.goto("/outils/testeur-jeton?identifiant=api-demo-1");
  await page.getByLabel("Mot de passe du compte API").fill(DEMO_API_NEW_PASSWORD);
  await page.getByRole("button", { name: "Tester l'obtention d'un jeton" }).click();
  await expect(page.getByTestId("verdict")).toHaveAttribute("data-ok", "true");
  const token = await request.post("/oauth2/token", {
    form: { grant_type: "password", client_id: "gun-api", scope: "openid", username: "api-demo-1", password: DEMO_API_NEW_PASSWORD },
  });
  expect(token.status()).toBe(200);

  // The explicit reveal: the only place TOKEN_DH7 may appear. Its response is fetched through a
  // route, so its body is read whole (Chromium does not always keep a streamed action's body).
  await openDemoAccount(page);
  let revealBody: string | null = null;
  const onReveal = async (route: Route) => {
    if ((await route.request().headerValue("next-action")) !== revealId) return route.fallback();
    const response = await route.fetch();
    revealBody = await response.text();
    await route.fulfill({ response, body: revealBody });
  };
  await page.route(/\/comptes-api\//, onReveal);
  await apiCard(page, "DeltaH7").getByRole("button", { name: "Afficher le token" }).click();
  await expect(page.getByTestId("DELTA_H7-token-revealed")).toHaveText(TOKEN_DH7);
  await page.unroute(/\/comptes-api\//, onReveal);
  expect(revealBody).toContain(TOKEN_DH7);
  await Promise.all(responses);

  // Every page, as every role.
  const pages = ["/", "/comptes-api", "/comptes-api/nouveau", "/certification", "/administration", "/messages", "/outils/testeur-jeton", "/aide", "/aide/oauth"];
  const crawled: { url: string; html: string }[] = [];
  const crawl = async (urls: string[]) => {
    for (const url of urls) {
      const response = await page.request.get(url);
      crawled.push({ url, html: await response.text() });
    }
  };
  await openDemoAccount(page);
  const accountUrl = new URL(page.url()).pathname;
  await crawl([...pages, accountUrl]);
  await logout(page);
  await login(page, AGENT);
  const requestsHtml = await (await page.request.get("/douane?etat=toutes")).text();
  const requestPaths = [...new Set([...requestsHtml.matchAll(/href="(\/douane\/demandes\/[a-z0-9]+)"/g)].map((m) => m[1]!))];
  await crawl(["/douane", "/douane/catalogue", "/douane/catalogue/DELTA_IE", accountUrl, ...requestPaths]);
  await logout(page);
  await login(page, TRAINER);
  await crawl(["/formation", accountUrl]);

  const found: string[] = [];
  for (const file of [".tmp/e2e.db", ".tmp/e2e.db-wal"]) {
    try {
      found.push(...hits(readFileSync(file), file));
    } catch {
      // no WAL file at this instant
    }
  }
  found.push(...hits(readFileSync(".tmp/e2e-server.log", "utf8"), "le journal du serveur"));
  for (const { url, html } of crawled) found.push(...hits(html, `la page ${url}`));
  const bodies = await Promise.all(responses);
  let reveals = 0;
  for (const { url, body, reveal } of bodies) {
    if (reveal) {
      reveals += 1;
      continue;
    }
    found.push(...hits(body, `la réponse ${url}`));
  }
  expect(reveals).toBe(1);
  expect(bodies.length).toBeGreaterThan(30);
  expect(crawled.length).toBeGreaterThan(15);
  expect(found).toEqual([]);
});
