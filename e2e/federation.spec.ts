import { spawn, type ChildProcess } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { startIdentityProvider, type IdentityProvider, type Person } from "./support/identity-provider";
import { query } from "./support/db";
import { AGENT, CORRESPONDENT, DEMO_PASSWORD, resetDatabase } from "./support/helpers";

/**
 * Sign-in through the identity federation, against a real OpenID Connect provider started here
 * (e2e/support/identity-provider.ts, oidc-provider on 127.0.0.1 — the console's e2e server is
 * configured for it in scripts/e2e-env.sh). No mock: the browser goes to the provider's pages,
 * next-auth checks PKCE, state, nonce, the id_token and the signed userinfo.
 */

const PORT = Number(process.env.E2E_PORT ?? 3100);
const CONSOLE = `http://127.0.0.1:${PORT}`;
const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 3190);
/** A second console on the same database, with AUTH_CREDENTIALS=off. */
const FEDERATION_ONLY_PORT = PORT + 91;
const FEDERATION_ONLY = `http://127.0.0.1:${FEDERATION_ONLY_PORT}`;

const PEOPLE: Person[] = [
  { login: "claire", password: "idp-claire", sub: "pc-7f3a-claire", email: CORRESPONDENT, emailVerified: true, givenName: "Claire", usualName: "Martin", siret: "12345678200010" },
  { login: "agent", password: "idp-agent", sub: "pc-19bd-agent", email: AGENT, emailVerified: true, givenName: "Alex", usualName: "Dupont" },
  { login: "inconnu", password: "idp-inconnu", sub: "pc-0c4e-inconnu", email: "jeanne.inconnue@exemple.fr", emailVerified: true, givenName: "Jeanne", usualName: "Inconnue" },
  // The trainer's email, but the provider does not vouch for it: no link on that basis.
  { login: "usurpation", password: "idp-usurpation", sub: "pc-55aa-usurpation", email: "formateur@demo.fr", emailVerified: false, givenName: "Faux", usualName: "Formateur" },
];

let idp: IdentityProvider;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  resetDatabase();
  idp = await startIdentityProvider({
    port: IDP_PORT,
    client: { clientId: "console-douane-e2e", clientSecret: "e2e-oidc-secret-not-for-production", consoles: [CONSOLE, FEDERATION_ONLY] },
    people: PEOPLE,
  });
});

test.afterAll(async () => {
  await idp?.stop();
});

/** From the console's sign-in page, through the provider's login form, back to the console. */
async function signInWithProConnect(page: Page, login: string, password: string, base = CONSOLE): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByRole("button", { name: "S’identifier avec ProConnect" }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.getByLabel("Identifiant").fill(login);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter au fournisseur" }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  // Back from the provider's sign-out (it echoes the state).
  await expect(page).toHaveURL(/\/login(\?state=[\w-]+)?$/);
  await expect(page.getByRole("heading", { name: "Connexion", exact: true })).toBeVisible();
}

const userByEmail = async (email: string) =>
  (await query<{ id: string; role: string; federatedSub: string | null }>(`SELECT "id", "role", "federatedSub" FROM "User" WHERE "email" = ?`, email))[0];

const auditCount = async (action: string, actorId?: string) =>
  Number(
    (
      await query<{ n: number | string }>(
        `SELECT COUNT(*) AS "n" FROM "AuditEvent" WHERE "action" = ?${actorId ? ` AND "actorId" = ?` : ""}`,
        ...(actorId ? [action, actorId] : [action]),
      )
    )[0]!.n,
  );

test("a known person signs in with ProConnect: linked by their verified email, they see their SIRETs only", async ({ page }) => {
  expect((await userByEmail(CORRESPONDENT))!.federatedSub).toBeNull();
  await signInWithProConnect(page, "claire", "idp-claire");
  await expect(page.getByRole("navigation", { name: "Menu principal" })).toBeVisible();
  await expect(page.getByText("Claire Martin")).toBeVisible();

  await page.goto("/comptes-api");
  await expect(page.getByRole("heading", { name: "Liste des comptes API" })).toBeVisible();
  await expect(page.locator("main")).toContainText("api-demo-1");
  // The SIRETs she may create accounts on: the console's three (the provider's `siret` claim named
  // one; it neither adds nor removes any), never Paul Durand's 31415926000012.
  await page.goto("/comptes-api/nouveau");
  const sirets = await page.getByLabel("Siret").locator("option[value]").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(sirets.sort()).toEqual(["12345678200010", "55555555600011", "98765432400019"]);

  const claire = (await userByEmail(CORRESPONDENT))!;
  expect(claire.federatedSub).toBe("pc-7f3a-claire");
  expect(await auditCount("FEDERATED_IDENTITY_LINKED", claire.id)).toBe(1);
  await signOut(page);
});

test("an unknown person is refused in French, audited, and no account is created", async ({ page }) => {
  const usersBefore = Number((await query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "User"`))[0]!.n);
  const refusalsBefore = await auditCount("FEDERATED_LOGIN_REFUSED");
  await signInWithProConnect(page, "inconnu", "idp-inconnu");
  await expect(page).toHaveURL(/\/login\?erreur=federation-refusee/);
  await expect(page.getByRole("alert").filter({ hasText: "accès" })).toContainText("Vous n’avez pas accès à cette console");
  await expect(page.getByRole("alert").filter({ hasText: "accès" })).toContainText("n’est rattachée à aucun utilisateur de la console");
  await page.goto("/comptes-api");
  await expect(page).toHaveURL(/\/login/);

  expect(await userByEmail("jeanne.inconnue@exemple.fr")).toBeUndefined();
  expect(Number((await query<{ n: number | string }>(`SELECT COUNT(*) AS "n" FROM "User"`))[0]!.n)).toBe(usersBefore);
  expect(await auditCount("FEDERATED_LOGIN_REFUSED")).toBe(refusalsBefore + 1);
  const [refusal] = await query<{ details: string }>(`SELECT "details" FROM "AuditEvent" WHERE "action" = 'FEDERATED_LOGIN_REFUSED' ORDER BY "at" DESC LIMIT 1`);
  expect(JSON.parse(refusal!.details)).toMatchObject({ reason: "UNKNOWN_PERSON", providerEmail: "jeanne.inconnue@exemple.fr" });
});

test("an email the provider does not vouch for links nobody (same refusal)", async ({ page }) => {
  await signInWithProConnect(page, "usurpation", "idp-usurpation");
  await expect(page).toHaveURL(/\/login\?erreur=federation-refusee/);
  await expect(page.getByRole("alert").filter({ hasText: "accès" })).toContainText("Vous n’avez pas accès à cette console");
  expect((await userByEmail("formateur@demo.fr"))!.federatedSub).toBeNull();
  const [refusal] = await query<{ details: string }>(`SELECT "details" FROM "AuditEvent" WHERE "action" = 'FEDERATED_LOGIN_REFUSED' ORDER BY "at" DESC LIMIT 1`);
  expect(JSON.parse(refusal!.details)).toMatchObject({ reason: "EMAIL_NOT_VERIFIED" });
});

test("the second sign-in is linked by `sub`: the email changed at the provider, the person is still themselves", async ({ page }) => {
  await signInWithProConnect(page, "agent", "idp-agent");
  await expect(page).toHaveURL(/\/douane/);
  const agent = (await userByEmail(AGENT))!;
  expect(agent.federatedSub).toBe("pc-19bd-agent");
  await signOut(page);

  idp.people.get("agent")!.email = "alex.dupont@douane.finances.example";
  await signInWithProConnect(page, "agent", "idp-agent");
  await expect(page).toHaveURL(/\/douane/);
  await expect(page.getByRole("navigation", { name: "Menu principal" })).toBeVisible();
  // Still the console's agent, with the console's email and role; no second user.
  expect(await userByEmail("alex.dupont@douane.finances.example")).toBeUndefined();
  expect((await userByEmail(AGENT))!).toMatchObject({ id: agent.id, role: "CUSTOMS_AGENT" });
  await signOut(page);
});

test("signing out ends the console's session and the provider's", async ({ page }) => {
  await signInWithProConnect(page, "claire", "idp-claire");
  await expect(page.getByRole("navigation", { name: "Menu principal" })).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token")!;
  expect(cookie).toBeDefined();
  const logoutsBefore = idp.counts.logouts;

  await signOut(page);
  expect(idp.counts.logouts).toBe(logoutsBefore + 1);

  // The console: the old cookie, put back, opens nothing.
  await page.context().addCookies([cookie]);
  await page.goto("/comptes-api");
  await expect(page).toHaveURL(/\/login/);

  // The provider: no single sign-on back in, its login form is asked again.
  const loginsBefore = idp.counts.logins;
  await page.getByRole("button", { name: "S’identifier avec ProConnect" }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await expect(page.getByRole("button", { name: "Se connecter au fournisseur" })).toBeVisible();
  expect(idp.counts.logins).toBe(loginsBefore);
});

test.describe("with AUTH_CREDENTIALS=off", () => {
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = spawn(
      "bash",
      ["-c", `export E2E_PORT=${FEDERATION_ONLY_PORT}; source scripts/e2e-env.sh; export AUTH_CREDENTIALS=off PORT=${FEDERATION_ONLY_PORT}; exec npx tsx server.ts`],
      { stdio: "ignore", detached: true },
    );
    for (let i = 0; i < 200; i += 1) {
      try {
        if ((await fetch(`${FEDERATION_ONLY}/login`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the second console did not start");
  });

  test.afterAll(() => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  });

  test("no password form, passwords refused: only the federation signs in", async ({ page, request }) => {
    await page.goto(`${FEDERATION_ONLY}/login`);
    await expect(page.getByRole("button", { name: "S’identifier avec ProConnect" })).toBeVisible();
    await expect(page.getByLabel("Mot de passe")).toHaveCount(0);
    await expect(page.getByLabel("Email du compte douane.gouv")).toHaveCount(0);

    // Posting the form anyway: next-auth has no credentials provider there.
    const { csrfToken } = (await (await request.get(`${FEDERATION_ONLY}/api/auth/csrf`)).json()) as { csrfToken: string };
    await request.post(`${FEDERATION_ONLY}/api/auth/callback/credentials`, { form: { csrfToken, email: CORRESPONDENT, password: DEMO_PASSWORD, json: "true" } });
    expect(await (await request.get(`${FEDERATION_ONLY}/api/auth/session`)).json()).toEqual({});

    await signInWithProConnect(page, "claire", "idp-claire", FEDERATION_ONLY);
    await expect(page).toHaveURL(new RegExp(`^${FEDERATION_ONLY}/`));
    await expect(page.getByRole("navigation", { name: "Menu principal" })).toBeVisible();
    await expect(page.getByText("Claire Martin")).toBeVisible();
  });
});
