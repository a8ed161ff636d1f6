/**
 * Authorisation matrix (issue 6/6): every page, route handler and server action of the build, called
 * as anonymous, as each role, and as a correspondent of another SIRET with the first SIRET's ids.
 * Each cell's expected outcome is written below; any difference is an unexpected access (or refusal).
 * The test also fails when a page, a route handler or a server action exists that the matrix does not list.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { callFixture } from "./support/fixtures";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/helpers";
import { callServerAction, serverActions, type ServerActionRef } from "./support/server-actions";

const ACTORS = {
  anonyme: null,
  proprietaire: "correspondant@demo.fr", // correspondent of 12345678200010, the SIRET of every id below
  autreSiret: "autre@demo.fr", // correspondent of another SIRET only
  agent: "agent@douane.demo",
  formateur: "formateur@demo.fr",
  collaborateur: "nicolas.moreau@autre-entreprise.fr", // a douane.gouv account not certified
} as const;
type ActorKey = keyof typeof ACTORS;
const ACTOR_KEYS = Object.keys(ACTORS) as ActorKey[];

type Fixtures = {
  failedMessageId: string;
  failedCallbackId: string;
  accountId: string;
  pendingRequestId: string;
  pendingItemId: string;
  habilitationId: string;
  marcAttachmentId: string;
  julieId: string;
  sophieId: string;
};

/** "login" = redirected to /login; a number = the HTTP status. */
type PageOutcome = "login" | number;
const all = (outcome: PageOutcome, overrides: Partial<Record<ActorKey, PageOutcome>> = {}) =>
  ({ ...Object.fromEntries(ACTOR_KEYS.map((k) => [k, outcome])), anonyme: "login", ...overrides }) as Record<ActorKey, PageOutcome>;

const PAGES: Record<string, { path: (f: Fixtures) => string; expect: Record<ActorKey, PageOutcome> }> = {
  "/": { path: () => "/", expect: all(307) }, // to each role's landing page
  "/login": { path: () => "/login", expect: all(307, { anonyme: 200 }) },
  "/accessibilite": { path: () => "/accessibilite", expect: all(200, { anonyme: 200 }) },
  "/mentions-legales": { path: () => "/mentions-legales", expect: all(200, { anonyme: 200 }) },
  "/donnees-personnelles": { path: () => "/donnees-personnelles", expect: all(200, { anonyme: 200 }) },
  "/comptes-api": { path: () => "/comptes-api", expect: all(200) },
  "/comptes-api/nouveau": { path: () => "/comptes-api/nouveau", expect: all(404, { proprietaire: 200, autreSiret: 200 }) },
  "/comptes-api/[id]": { path: (f) => `/comptes-api/${f.accountId}`, expect: all(404, { proprietaire: 200, agent: 200, formateur: 200 }) },
  "/comptes-api/[id]/parcours": { path: (f) => `/comptes-api/${f.accountId}/parcours`, expect: all(404, { proprietaire: 200, agent: 200, formateur: 200 }) },
  "/certification": { path: () => "/certification", expect: all(200) },
  "/administration": { path: () => "/administration", expect: all(200) },
  "/messages": { path: () => "/messages", expect: all(200) },
  "/aide": { path: () => "/aide", expect: all(200) },
  "/aide/[slug]": { path: () => "/aide/oauth", expect: all(200) },
  "/outils/testeur-jeton": { path: () => "/outils/testeur-jeton", expect: all(200, { collaborateur: 404 }) },
  "/douane": { path: () => "/douane", expect: all(404, { agent: 200 }) },
  "/douane/catalogue": { path: () => "/douane/catalogue", expect: all(404, { agent: 200 }) },
  "/douane/courriels": { path: () => "/douane/courriels", expect: all(404, { agent: 200 }) },
  "/douane/catalogue/[code]": { path: () => "/douane/catalogue/GAMMA2", expect: all(404, { agent: 200 }) },
  "/douane/demandes/[id]": { path: (f) => `/douane/demandes/${f.pendingRequestId}`, expect: all(404, { agent: 200 }) },
  "/formation": { path: () => "/formation", expect: all(404, { formateur: 200 }) },
};

/** Machine endpoints: the console's session grants nothing there — every actor gets the same answer (but /api/live, the signed-in page's poll). */
const ROUTES: Record<string, { method: "GET" | "POST"; path: (f: Fixtures) => string; body?: string; status: number | Record<ActorKey, number> }[]> = {
  "/comptes-api/export": [{ method: "GET", path: () => "/comptes-api/export", status: { anonyme: 307, proprietaire: 200, autreSiret: 200, agent: 200, formateur: 200, collaborateur: 200 } }],
  "/douane/export": [{ method: "GET", path: () => "/douane/export?etat=toutes", status: { anonyme: 307, proprietaire: 404, autreSiret: 404, agent: 200, formateur: 404, collaborateur: 404 } }],
  "/api/live": [{ method: "GET", path: () => "/api/live", status: { anonyme: 401, proprietaire: 200, autreSiret: 200, agent: 200, formateur: 200, collaborateur: 200 } }],
  "/api/auth/[...nextauth]": [{ method: "GET", path: () => "/api/auth/csrf", status: 200 }],
  "/.well-known/openid-configuration": [{ method: "GET", path: () => "/.well-known/openid-configuration", status: 200 }],
  "/oauth2/jwks": [{ method: "GET", path: () => "/oauth2/jwks", status: 200 }],
  "/oauth2/token": [
    { method: "POST", path: () => "/oauth2/token", body: "grant_type=password", status: 400 },
    { method: "GET", path: () => "/oauth2/token", status: 405 },
  ],
  "/example/api": [{ method: "GET", path: () => "/example/api", status: 401 }],
  "/dh7/[[...path]]": [{ method: "GET", path: () => "/dh7/declarations", status: 401 }],
  "/gamma2/[[...path]]": [{ method: "GET", path: () => "/gamma2/mouvements", status: 401 }],
  "/deltaie/[[...path]]": [{ method: "GET", path: () => "/deltaie/declarations", status: 401 }],
  "/pnts/[[...path]]": [{ method: "GET", path: () => "/pnts/dossiers", status: 401 }],
  "/recepteur-demo/[[...path]]": [{ method: "POST", path: (f) => `/recepteur-demo/${f.accountId}/deltaie/declarations/x/reponses`, body: "{}", status: 401 }],
};

const PASSWORD = "Matrice-Acces-2026!";
/** Each action with arguments that succeed for the actors allowed to call it (the others must be refused). */
const ACTIONS: Record<string, { args: (f: Fixtures) => unknown[]; params?: (f: Fixtures) => Record<string, string>; allowed: ActorKey[] }> = {
  "lib/accounts/actions.ts#createAccountAction": {
    args: () => [{ identifiant: "api-matrice", email: "matrice@demo.fr", siret: "98765432400019", password: PASSWORD, passwordConfirmation: PASSWORD }],
    allowed: ["proprietaire"],
  },
  "lib/accounts/actions.ts#changeEmailAction": { args: (f) => [f.accountId, { email: "matrice@transports-exemple.fr" }], params: (f) => ({ id: f.accountId }), allowed: ["proprietaire"] },
  "lib/accounts/actions.ts#changePasswordAction": {
    args: (f) => [f.accountId, { password: PASSWORD, passwordConfirmation: PASSWORD, confirmSynchronized: true }],
    params: (f) => ({ id: f.accountId }),
    allowed: ["proprietaire"],
  },
  "lib/accounts/actions.ts#deleteAccountAction": { args: (f) => [f.accountId, { confirmation: "api-demo-1" }], params: (f) => ({ id: f.accountId }), allowed: ["proprietaire"] },
  "lib/administration/actions.ts#nameCorrespondentAction": { args: (f) => [{ siret: "12345678200010", userId: f.julieId }], allowed: ["proprietaire"] },
  "lib/administration/actions.ts#removeCorrespondentAction": { args: (f) => [{ siret: "12345678200010", userId: f.sophieId }], allowed: ["proprietaire"] },
  "lib/certification/actions.ts#decideAttachmentAction": { args: (f) => [f.marcAttachmentId, "certify"], allowed: ["proprietaire"] },
  "lib/demo-clock/actions.ts#moveDemoClockAction": { args: () => [{ action: "reset" }], allowed: ["formateur"] },
  "lib/scenarios/actions.ts#loadScenarioAction": { args: () => ["demonstration"], allowed: ["formateur"] },
  "lib/habilitations/actions.ts#submitRequestAction": { args: (f) => [f.accountId, { apiCodes: ["PNTS"] }], params: (f) => ({ id: f.accountId }), allowed: ["proprietaire"] },
  "lib/habilitations/actions.ts#withdrawRequestAction": { args: (f) => [f.accountId, f.pendingRequestId], params: (f) => ({ id: f.accountId }), allowed: ["proprietaire"] },
  "lib/habilitations/actions.ts#decideRequestAction": {
    args: (f) => [f.pendingRequestId, { items: [{ itemId: f.pendingItemId, decision: "APPROVED" }] }],
    params: (f) => ({ id: f.pendingRequestId }),
    allowed: ["agent"],
  },
  "lib/habilitations/actions.ts#revokeHabilitationAction": { args: (f) => [f.habilitationId, { reason: "Contrôle de la matrice." }], params: (f) => ({ id: f.accountId }), allowed: ["agent"] },
  "lib/habilitations/actions.ts#saveApiDataAction": {
    args: (f) => [f.accountId, "DELTA_H7", { url: "https://retours2.transports-exemple.fr/dh7", token: "jeton-matrice-2" }],
    params: (f) => ({ id: f.accountId }),
    allowed: ["proprietaire"],
  },
  "lib/habilitations/actions.ts#cancelUrlChangeAction": { args: (f) => [f.accountId, "DELTA_H7", "url"], params: (f) => ({ id: f.accountId }), allowed: ["proprietaire"] },
  "lib/habilitations/actions.ts#revealSecretAction": { args: (f) => [f.accountId, "DELTA_H7", "token"], params: (f) => ({ id: f.accountId }), allowed: ["proprietaire"] },
  "lib/habilitations/actions.ts#updateApiSettingsAction": {
    args: () => ["GAMMA2", { name: "Gamma2", description: "Mouvements de produits soumis à accises.", contactEmail: "gamma2@douane.demo", urlDelayMinutes: 20 }],
    params: () => ({ code: "GAMMA2" }),
    allowed: ["agent"],
  },
  "lib/habilitations/actions.ts#addApiFieldAction": {
    args: () => ["GAMMA2", { key: "matrice", label: "Matrice", kind: "TEXT", required: false }],
    params: () => ({ code: "GAMMA2" }),
    allowed: ["agent"],
  },
  "lib/habilitations/actions.ts#updateApiFieldAction": {
    args: () => ["PNTS", "contactTechnique", { label: "Contact technique (matrice)", kind: "EMAIL", required: true }],
    params: () => ({ code: "PNTS" }),
    allowed: ["agent"],
  },
  "lib/habilitations/actions.ts#removeApiFieldAction": { args: () => ["PNTS", "contactTechnique"], params: () => ({ code: "PNTS" }), allowed: ["agent"] },
  "lib/notifications/actions.ts#markMessageReadAction": { args: (f) => [f.failedMessageId], allowed: ["proprietaire"] },
  "lib/notifications/actions.ts#markAllMessagesReadAction": { args: () => [], allowed: ["proprietaire", "autreSiret"] },
  "lib/notifications/actions.ts#retryMessageAction": { args: (f) => [f.failedMessageId], allowed: ["agent"] },
  "lib/callbacks/actions.ts#resendCustomsCallbackAction": { args: (f) => [f.failedCallbackId], params: (f) => ({ id: f.accountId }), allowed: ["proprietaire", "agent"] },
  "lib/callbacks/actions.ts#sendTestCallbackAction": { args: (f) => [f.accountId, "DELTA_IE"], params: (f) => ({ id: f.accountId }), allowed: ["proprietaire", "agent"] },
  "lib/token-tester/actions.ts#runTokenTestAction": {
    args: () => [{ environment: "simulateur", customUrl: "", identifiant: "api-demo-1", password: "Demo-Api-2026!x", apiUrl: "" }],
    allowed: ["proprietaire", "autreSiret", "agent", "formateur"],
  },
  "lib/token-tester/actions.ts#refreshTokenTestAction": { args: () => ["run-inexistant"], allowed: [] },
  // Everyone signed in ends their own session (and nobody else's: the cookie says which).
  "lib/auth/actions.ts#signOutAction": { args: () => [], allowed: ["proprietaire", "autreSiret", "agent", "formateur", "collaborateur"] },
};

// --- what exists -----------------------------------------------------------------------------

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function routePattern(file: string): string {
  const parts = path.relative("app", path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${parts.join("/")}`;
}

const appFiles = walk("app");
const existingPages = appFiles.filter((f) => f.endsWith(`${path.sep}page.tsx`)).map(routePattern);
const existingRoutes = appFiles.filter((f) => f.endsWith(`${path.sep}route.ts`)).map(routePattern);
const existingActions = walk("lib")
  .filter((f) => f.endsWith(".ts") && /^["']use server["']/m.test(readFileSync(f, "utf8")))
  .flatMap((f) => [...readFileSync(f, "utf8").matchAll(/export async function (\w+)/g)].map((m) => `${f}#${m[1]}`));

test("the matrix lists every page, route handler and server action — and nothing else", () => {
  expect(existingPages.sort()).toEqual(Object.keys(PAGES).sort());
  expect(existingRoutes.sort()).toEqual(Object.keys(ROUTES).sort());
  expect(existingActions.sort()).toEqual(Object.keys(ACTIONS).sort());
  const built = serverActions().map((a) => `${a.filename}#${a.exportedName}`);
  for (const action of built) expect(Object.keys(ACTIONS)).toContain(action);
});

// --- calling everything as everyone ----------------------------------------------------------

function loadFixtures(): Fixtures {
  return callFixture<Fixtures>("authz");
}

async function signIn(baseURL: string, email: string | null): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  if (!email) return context;
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${email}`).toBeLessThan(400);
  return context;
}

async function signInAll(baseURL: string): Promise<Record<ActorKey, APIRequestContext>> {
  const entries = await Promise.all(ACTOR_KEYS.map(async (k) => [k, await signIn(baseURL, ACTORS[k])] as const));
  return Object.fromEntries(entries) as Record<ActorKey, APIRequestContext>;
}

function classifyAction(status: number, headers: Record<string, string>, text: string): string {
  if ([303, 307].includes(status) && (headers.location ?? "").includes("/login")) return "login";
  if (headers["x-action-redirect"]) return "allowed";
  if (text.includes('"ok":true')) return "allowed";
  if (text.includes('"ok":false')) return "denied";
  return `erreur ${status}`;
}

test.describe.configure({ mode: "serial" });

test("every page, as every actor", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const fixtures = loadFixtures();
  const actors = await signInAll(baseURL!);
  const unexpected: string[] = [];
  for (const [pattern, page] of Object.entries(PAGES)) {
    for (const actor of ACTOR_KEYS) {
      const response = await actors[actor].get(page.path(fixtures), { maxRedirects: 0 });
      const location = response.headers().location ?? "";
      const actual: PageOutcome = response.status() === 307 && location.includes("/login") ? "login" : response.status();
      if (actual !== page.expect[actor]) unexpected.push(`${pattern} as ${actor}: expected ${page.expect[actor]}, got ${actual}`);
    }
  }
  expect(unexpected).toEqual([]);
});

test("every route handler, as every actor", async ({ baseURL }) => {
  const fixtures = loadFixtures();
  const actors = await signInAll(baseURL!);
  const unexpected: string[] = [];
  for (const [pattern, calls] of Object.entries(ROUTES)) {
    for (const call of calls) {
      for (const actor of ACTOR_KEYS) {
        const response = await actors[actor].fetch(call.path(fixtures), {
          method: call.method,
          data: call.body,
          headers: call.body ? { "Content-Type": call.body.startsWith("{") ? "application/json" : "application/x-www-form-urlencoded" } : undefined,
          maxRedirects: 0,
        });
        const expected = typeof call.status === "number" ? call.status : call.status[actor];
        if (response.status() !== expected) unexpected.push(`${call.method} ${pattern} as ${actor}: expected ${expected}, got ${response.status()}`);
      }
    }
  }
  expect(unexpected).toEqual([]);
});

test("every server action, as every actor, with the first SIRET's ids", async ({ baseURL }) => {
  test.setTimeout(600_000);
  const built = new Map<string, ServerActionRef>(serverActions().map((a) => [`${a.filename}#${a.exportedName}`, a]));
  let fixtures = loadFixtures();
  let actors = await signInAll(baseURL!);
  const unexpected: string[] = [];
  let cells = 0;
  for (const [key, spec] of Object.entries(ACTIONS)) {
    const ref: ServerActionRef | undefined = built.get(key);
    if (!ref) {
      unexpected.push(`${key}: not callable in the build (no page imports it)`);
      continue;
    }
    // Refused actors first, allowed ones last: a success changes the state, which is then rebuilt.
    const order = [...ACTOR_KEYS.filter((a) => !spec.allowed.includes(a)), ...spec.allowed];
    for (const actor of order) {
      const expected = actor === "anonyme" ? "login" : spec.allowed.includes(actor) ? "allowed" : "denied";
      const { response, text } = await callServerAction(actors[actor], baseURL!, ref, spec.args(fixtures), spec.params?.(fixtures) ?? {});
      const actual = classifyAction(response.status(), response.headers(), text);
      cells += 1;
      if (actual !== expected) unexpected.push(`${key} as ${actor}: expected ${expected}, got ${actual} — ${text.slice(0, 200)}`);
    }
    if (spec.allowed.length > 0) {
      fixtures = loadFixtures();
      await Promise.all(Object.values(actors).map((c) => c.dispose()));
      actors = await signInAll(baseURL!);
    }
  }
  expect(unexpected).toEqual([]);
  expect(cells).toBe(Object.keys(ACTIONS).length * ACTOR_KEYS.length);
});
