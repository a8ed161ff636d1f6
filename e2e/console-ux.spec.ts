/** The three users' daily work (issue 13): a shell per role, state at a glance, the long account page, deletion. */
import { expect, test, type Page } from "@playwright/test";
import { expectNoViolations } from "./support/a11y";
import { AGENT, CORRESPONDENT, TRAINER, backToRealTime, loadScenario, login, resetDatabase, signInOnly } from "./support/helpers";
import { DEMO_API, callApi, form, obtainTokens, passwordFields, postToken } from "./support/oauth";

const GREEN = "api-demo-3"; // « Trois états »: green on DeltaH7, url active

const COLLABORATOR = "sophie.leroy@transports-exemple.fr";

test.beforeAll(() => resetDatabase());
test.afterAll(() => resetDatabase());

const menu = (page: Page) => page.getByRole("navigation", { name: "Menu principal" });

test("each role lands on its own work and sees only the menus it can use", async ({ page }) => {
  loadScenario("demande-en-attente");
  await signInOnly(page, AGENT);
  await expect(page).toHaveURL(/\/douane$/);
  const douane = menu(page).getByRole("link", { name: /^DOUANE/ });
  await expect(douane).toContainText("1"); // the number of pending requests
  await expect(douane).toHaveAccessibleName(/DOUANE.*1 demande en attente/);
  for (const hidden of ["CERTIFICATION", "ADMINISTRATION"]) await expect(menu(page).getByRole("link", { name: hidden, exact: true })).toHaveCount(0);
  await expectNoViolations(page, "/douane (agent)");

  await page.context().clearCookies();
  await signInOnly(page, TRAINER);
  await expect(page).toHaveURL(/\/formation$/);
  await page.context().clearCookies();
  await signInOnly(page, CORRESPONDENT);
  await expect(page).toHaveURL(/\/comptes-api$/);
  await expect(menu(page).getByRole("link", { name: "CERTIFICATION", exact: true })).toBeVisible();
  // State at a glance: the red account says why it is red.
  await expect(page.getByRole("row", { name: /api-demo-1/ }).getByTestId("state-lines")).toContainText(/Demande en attente depuis le \d/);

  // The trainer reads accounts, and is not offered what it cannot do.
  await page.context().clearCookies();
  await login(page, TRAINER);
  await expect(page.getByRole("link", { name: "+ Ajouter un compte API" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Voir / modifier" })).toHaveCount(0);
  await page.getByRole("row", { name: /api-demo-1/ }).getByRole("link", { name: "Voir le compte api-demo-1" }).click();
  await expect(page.getByRole("heading", { name: "Informations du compte" })).toBeVisible();
  await expect(page.getByText("Modifiez les infos de ce compte")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Supprimer le compte API" })).toHaveCount(0);

  // A collaborator not (yet) named correspondent: no CERTIFICATION, ADMINISTRATION, DOUANE or FORMATION.
  await page.context().clearCookies();
  await login(page, COLLABORATOR);
  for (const hidden of ["CERTIFICATION", "ADMINISTRATION", "DOUANE", "FORMATION"]) await expect(menu(page).getByRole("link", { name: hidden, exact: true })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "+ Ajouter un compte API" })).toHaveCount(0);
});

test("a page that does not exist is answered inside the console, with its menu", async ({ page }) => {
  await login(page, CORRESPONDENT);
  const response = await page.goto("/comptes-api/nexiste-pas");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expect(menu(page)).toBeVisible();
  await expectNoViolations(page, "404");
});

test("the trainer moves the demo clock from the banner of any page, and back to real time", async ({ page }) => {
  await login(page, TRAINER);
  const controls = page.getByRole("group", { name: "Horloge de démonstration" });
  await expect(controls.getByRole("button", { name: "Heure réelle" })).toBeDisabled();
  await controls.getByRole("button", { name: "+4 h" }).click();
  await expect(page.getByTestId("demo-clock-banner")).toContainText("+4 h");
  await expect(controls.getByRole("button", { name: "Heure réelle" })).toBeEnabled();
  await expect(page).toHaveURL(/\/comptes-api$/); // stayed on the page
  await controls.getByRole("button", { name: "Heure réelle" }).click();
  await expect(controls.getByRole("button", { name: "Heure réelle" })).toBeDisabled();
  await backToRealTime(page);
});

test("the account page: a bar of its sections, each anchor lands on its heading", async ({ page }) => {
  loadScenario("trois-etats");
  await login(page, CORRESPONDENT);
  await page.getByRole("row", { name: new RegExp(GREEN) }).getByRole("link").first().click();
  const nav = page.getByRole("navigation", { name: "Sections du compte" });
  await expect(nav.getByRole("link")).toHaveText(["Informations", "API habilitées", "Appels retours", "Demandes", "Parcours", "Historique", "Suppression"]);
  await nav.getByRole("link", { name: "Historique" }).click();
  await expect(page).toHaveURL(/#historique$/);
  await expect(page.getByRole("heading", { name: "Historique", exact: true })).toBeInViewport();
  await expect(nav).toBeInViewport(); // sticky
  await expect(nav.getByRole("link", { name: "Historique" })).toHaveAttribute("aria-current", "location");
  await expectNoViolations(page, "account page");
});

test("deleting an API account: typed identifiant, tokens refused at once, the SIRET free again", async ({ page, baseURL }) => {
  loadScenario("trois-etats");
  const tokens = await obtainTokens(baseURL!, GREEN, DEMO_API.password);
  expect((await callApi(baseURL!, "/dh7/declarations", tokens.access_token)).status).toBe(200);

  await login(page, CORRESPONDENT);
  // Every SIRET of Claire's has its account: creation is not offered, and says why.
  await page.goto("/comptes-api/nouveau");
  await expect(page.getByRole("status").filter({ hasText: "Tous vos SIRET ont déjà un compte API" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Créer le compte technique" })).toHaveCount(0);

  await page.goto("/comptes-api");
  await page.getByRole("row", { name: new RegExp(GREEN) }).getByRole("link").first().click();
  await page.getByRole("button", { name: "Supprimer le compte API…" }).click();
  const dialog = page.getByRole("dialog", { name: `Supprimer le compte API « ${GREEN} » ?` });
  await expect(dialog).toContainText("Habilitations qui prennent fin : DeltaH7");
  const confirm = dialog.getByRole("button", { name: "Supprimer définitivement" });
  const field = dialog.getByLabel(/Pour confirmer, saisissez l'identifiant/);
  await expect(field).toBeFocused();
  await expect(confirm).toBeDisabled();
  await field.fill("api-demo-"); // not the identifiant
  await expect(confirm).toBeDisabled();
  await field.press("Enter");
  await expect(dialog).toContainText("Saisissez exactement l'identifiant du compte pour confirmer.");
  await expectNoViolations(page, "deletion dialog");
  // Escape cancels: nothing is deleted.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  expect((await callApi(baseURL!, "/dh7/declarations", tokens.access_token)).status).toBe(200);

  await page.getByRole("button", { name: "Supprimer le compte API…" }).click();
  await field.fill(GREEN);
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/comptes-api\\?supprime=${GREEN}$`));
  await expect(page.getByRole("status").filter({ hasText: `Le compte API « ${GREEN} » a été supprimé.` })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(GREEN) })).toHaveCount(0);

  // Its token is refused at once, its password no longer gives one.
  expect((await callApi(baseURL!, "/dh7/declarations", tokens.access_token)).status).toBe(401);
  const grant = await postToken(baseURL!, form(passwordFields(GREEN, DEMO_API.password)));
  expect(grant.status).toBe(400);
  expect(((await grant.json()) as { error: string }).error).toBe("invalid_grant");
  const refresh = await postToken(baseURL!, form({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: tokens.refresh_token }));
  expect(refresh.status).toBe(400);

  // The SIRET can receive a new account: the form is back, with one SIRET free.
  await page.goto("/comptes-api/nouveau");
  await expect(page.getByRole("button", { name: "Créer le compte technique" })).toBeVisible();
  await expect(page.getByLabel("Siret").locator("option:not([disabled]):not([value=''])")).toHaveCount(1);
  // A message tells the correspondent.
  await page.goto("/messages");
  await expect(page.getByText("Compte API supprimé").first()).toBeVisible();
});

/** Marks the page's JS context: still there after a change means the page followed without a reload. */
const markNoReload = (page: Page) => page.evaluate(() => ((window as unknown as { __live: number }).__live = 1));
const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as { __live?: number }).__live === 1);

test("pages stay live: a decision and its message show on the open account page, without a reload; messages are marked read", async ({ page, browser }) => {
  loadScenario("demande-en-attente");
  await login(page, CORRESPONDENT);
  await page.getByRole("row", { name: /api-demo-1/ }).getByRole("link").first().click();
  await expect(page.getByTestId("request-status").first()).toHaveText("En attente de la douane");
  const messages = menu(page).getByRole("link", { name: /^Messages/ });
  const count = messages.getByTestId("nav-count");
  const unreadBefore = (await count.count()) === 0 ? 0 : Number(await count.getAttribute("data-count"));
  await markNoReload(page);

  // The agent decides in another browser.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signInOnly(agent, AGENT);
  await agent.getByTestId("queue-row").filter({ hasText: "api-demo-1" }).getByRole("link", { name: /Traiter/ }).click();
  await agent.getByTestId("decision-DeltaH7").getByRole("radio", { name: "Accorder" }).check();
  await agent.getByTestId("decision-Gamma2").getByRole("radio", { name: "Accorder" }).check();
  await agent.getByRole("button", { name: "Enregistrer les décisions" }).click();
  await agent.getByRole("dialog", { name: "Confirmer la décision ?" }).getByRole("button", { name: "Confirmer et notifier" }).click();
  await expect(agent.getByTestId("request-status")).toHaveText("Acceptée");

  // The correspondent's open page follows within a poll (5 s), and the menu counts the new message.
  await expect(page.getByTestId("request-status").first()).toHaveText("Acceptée", { timeout: 15_000 });
  await expect(page.getByRole("region", { name: "DeltaH7", exact: true })).toBeVisible();
  await expect(count).toHaveAttribute("data-count", String(unreadBefore + 1));
  expect(await notReloaded(page)).toBe(true);

  // Opening the message marks it read: the count goes down; « Tout marquer comme lu » clears it.
  await messages.click();
  await expect(page.getByTestId("message-unread").first()).toBeVisible();
  await page.getByTestId("message").first().locator("summary").click();
  await expect(page.getByTestId("message").first().getByTestId("message-unread")).toHaveCount(0);
  if (unreadBefore > 0) await expect(count).toHaveAttribute("data-count", String(unreadBefore));
  else await expect(count).toHaveCount(0);
  await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
  await expect(page.getByTestId("messages-count")).toContainText("tous lus");
  await expect(count).toHaveCount(0);
  await expectNoViolations(page, "/messages");
  await agentContext.close();
});

test("pages stay live: +4 h on the trainer's banner turns the pending url active on the correspondent's open page", async ({ page, browser }) => {
  loadScenario("changement-url");
  await login(page, CORRESPONDENT);
  await page.getByRole("row", { name: /api-demo-1/ }).getByRole("link").first().click();
  await expect(page.getByTestId("DELTA_H7-url-pending")).toBeVisible();
  const pendingUrl = (await page.getByTestId("DELTA_H7-url-pending").locator("code").first().textContent())!;
  await markNoReload(page);

  const trainerContext = await browser.newContext();
  const trainer = await trainerContext.newPage();
  await login(trainer, TRAINER);
  await trainer.getByRole("group", { name: "Horloge de démonstration" }).getByRole("button", { name: "+4 h" }).click();
  await expect(trainer.getByTestId("demo-clock-banner")).toContainText("+4 h");

  await expect(page.getByTestId("DELTA_H7-url-active")).toContainText(pendingUrl, { timeout: 15_000 });
  await expect(page.getByTestId("DELTA_H7-url-pending")).toHaveCount(0);
  expect(await notReloaded(page)).toBe(true);
  await trainerContext.close();
  await backToRealTime(page);
});

test("the live poll is bounded: one request per 5 s on a visible page, none while the tab is hidden", async ({ page }) => {
  await login(page, CORRESPONDENT);
  const polls: number[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/live") polls.push(Date.now());
  });
  await page.waitForTimeout(6_000);
  expect(polls.length).toBeGreaterThanOrEqual(1);
  expect(polls.length).toBeLessThanOrEqual(2);
  // Hidden (another tab in front): no request at all.
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
  const hiddenFrom = polls.length;
  await page.waitForTimeout(7_000); // more than one period
  expect(polls.length - hiddenFrom).toBeLessThanOrEqual(1); // at most the one already on its way
  // Back in front: at once.
  const beforeVisible = polls.length;
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "visible" });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
  await expect.poll(() => polls.length, { timeout: 2_000 }).toBeGreaterThan(beforeVisible);
});

test("the accounts list: sortable columns, filters kept, CSV export of what is shown, copy buttons", async ({ page, context }) => {
  loadScenario("trois-etats");
  await login(page, CORRESPONDENT);
  const hab = page.getByRole("columnheader", { name: /Hab\./ });
  await expect(hab).toHaveAttribute("aria-sort", "none");
  await page.getByTestId("sort-hab").click();
  await expect(page).toHaveURL(/tri=hab&ordre=asc/);
  await expect(hab).toHaveAttribute("aria-sort", "ascending");
  const first = () => page.locator("tbody tr").first();
  await expect(first()).toContainText("api-demo-1"); // red first
  await page.getByTestId("sort-hab").click();
  await expect(hab).toHaveAttribute("aria-sort", "descending");
  await expect(first()).toContainText("api-demo-3"); // green first

  // A filter keeps the order; the export takes both.
  await page.getByLabel("url", { exact: true }).selectOption("active");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/url=active/);
  await expect(page).toHaveURL(/tri=hab/);
  await expect(page.locator("tbody tr")).toHaveCount(2);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Exporter en CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^comptes-api-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const lines = csv.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe("Statut;Ce qui manque;État;SIRET;Raison sociale;Identifiant;Email;API habilitées;Créé le;Mot de passe");
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain("api-demo-3");
  expect(lines[2]).toContain("api-demo-2");
  await expectNoViolations(page, "/comptes-api sorted and filtered");

  // Copy the identifiant from the account page.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("link", { name: "api-demo-3", exact: true }).click();
  await page.getByRole("button", { name: "Copier l'identifiant" }).click();
  await expect(page.getByRole("button", { name: "Copier l'identifiant" })).toHaveText("Copié ✓");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("api-demo-3");
});

test("the customs queue exports its filtered rows", async ({ page }) => {
  loadScenario("demande-en-attente");
  await signInOnly(page, AGENT);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Exporter en CSV/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^demandes-habilitation-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
  const lines = csv.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe("Reçue le;SIRET;Raison sociale;Identifiant;État;API demandées;Décisions;Décidée le");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("api-demo-1");
});

test.describe("on a phone (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the menu hides behind a button, the list is a stack of cards, « Traiter » is at hand", async ({ page }) => {
    loadScenario("demande-en-attente");
    await signInOnly(page, AGENT);
    const toggle = page.getByRole("button", { name: "Menu" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(menu(page).getByRole("link", { name: /^DOUANE/ })).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(menu(page).getByRole("link", { name: /^COMPTES API/ })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(toggle).toHaveAttribute("aria-expanded", "false");

    // The queue: no horizontal scroll, « Traiter » visible without scrolling sideways.
    const traiter = page.getByTestId("queue-row").first().getByRole("link", { name: /Traiter/ });
    await expect(traiter).toBeVisible();
    const box = (await traiter.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoViolations(page, "/douane on a phone");

    // The accounts list: cards with their labels.
    await page.goto("/comptes-api");
    const card = page.locator("tbody tr").first();
    await expect(card).toContainText("SIRET");
    await expect(card).toContainText("Identifiant");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoViolations(page, "/comptes-api on a phone");
  });
});

test("the State's look: Marianne shipped with the app, the brand block, the footer and its pages, a favicon", async ({ page, request }) => {
  const fonts: string[] = [];
  page.on("response", (r) => {
    if (/\.woff2$/.test(new URL(r.url()).pathname)) fonts.push(`${r.status()} ${new URL(r.url()).host}`);
  });
  await page.goto("/login");
  await expect(page.getByTestId("brand-rf")).toHaveText(/République\s*française/);
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('700 16px "Marianne"'))).toBe(true);
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(/^"?Marianne/);
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.every((f) => f === "200 127.0.0.1:3100" || f.startsWith("200 127.0.0.1"))).toBe(true); // served by the console itself
  expect((await request.get("/favicon.ico")).status()).toBe(200);
  expect((await request.get("/icon.svg")).status()).toBe(200);

  const footer = page.getByTestId("footer");
  for (const [link, heading] of [
    ["Accessibilité : non conforme", "Déclaration d'accessibilité"],
    ["Mentions légales", "Mentions légales"],
    ["Données personnelles", "Données personnelles"],
  ] as const) {
    await footer.getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expectNoViolations(page, heading);
  }
  await login(page, CORRESPONDENT);
  await expect(page.getByRole("banner").getByTestId("brand-rf")).toBeVisible();
  await expect(page.getByTestId("footer")).toBeVisible();
});
