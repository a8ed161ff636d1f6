/**
 * Two instances, one console: A and B (playwright.instances.config.ts) serve the same database —
 * a SQLite file, or PostgreSQL. Everything a user or a client sees must be the same whichever
 * instance answers: tokens, limits, revocations, the demo clock, and the rules that concurrency
 * could break (one account per SIRET, one decision per API), background work done once.
 */
import { execFileSync } from "node:child_process";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { fetchFrom, freshLoopback } from "../../e2e/support/http";
import { pagePath, serverAction } from "../../e2e/support/server-actions";
import { query } from "../../e2e/support/db";
import { startSmtpServer } from "../support/smtp";

const A = process.env.INSTANCE_A!;
const B = process.env.INSTANCE_B!;
/** The customs service (customs-service.ts) on the same database: its token host and API host, over TLS. */
const CUSTOMS_TOKEN = process.env.CUSTOMS_TOKEN!;
const CUSTOMS_API = process.env.CUSTOMS_API!;
const DEMO_PASSWORD = "Demo-Console-2026!";
const API_PASSWORD = "Demo-Api-2026!x";
const FORM = { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" };

type Tokens = { access_token: string; refresh_token: string };

function fixture<T>(command: string): T {
  const out = execFileSync("npx", ["tsx", "tests/instances/fixtures.ts", command], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: process.env.E2E_DATABASE_URL },
  });
  return JSON.parse(out) as T;
}

const grant = (base: string, password = API_PASSWORD, from = freshLoopback()) =>
  fetchFrom(from, `${base}/oauth2/token`, {
    method: "POST",
    headers: FORM,
    body: new URLSearchParams({ grant_type: "password", client_id: "gun-api", scope: "openid", username: "api-demo-1", password }).toString(),
  });
const refresh = (base: string, refreshToken: string) =>
  fetchFrom(freshLoopback(), `${base}/oauth2/token`, {
    method: "POST",
    headers: FORM,
    body: new URLSearchParams({ grant_type: "refresh_token", client_id: "gun-api", refresh_token: refreshToken }).toString(),
  });
const api = (base: string, accessToken: string, path = "/dh7/declarations") => fetchFrom(freshLoopback(), `${base}${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });

/** A signed-in person's context (cookies are per host: the session works on both instances). */
async function signIn(base: string, email: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: base });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: DEMO_PASSWORD, json: "true" } });
  expect(response.ok()).toBe(true);
  return context;
}

/** A server action posted to the given instance (its page, its origin), with the context's session cookie. */
async function action(context: APIRequestContext, base: string, name: string, args: unknown[], params: Record<string, string> = {}) {
  const ref = serverAction(name);
  const response = await context.post(`${base}${pagePath(ref.pages[0]!, params)}`, {
    headers: { "Next-Action": ref.id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: base },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const text = await response.text();
  expect(response.status(), text.slice(0, 200)).toBe(200);
  if (response.headers()["x-action-redirect"]) return { ok: true }; // a success that goes to another page
  const line = text.split("\n").find((l) => /^[0-9a-f]+:\{"ok":/.test(l));
  expect(line, text.slice(0, 300)).toBeDefined();
  return JSON.parse(line!.slice(line!.indexOf(":") + 1)) as { ok: boolean; message?: string };
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  return Number((await query<{ n: number | string }>(sql, ...params))[0]!.n);
}

let ids: { accountId: string; requestId: string; itemId: string };
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
test.beforeAll(async () => {
  smtp = await startSmtpServer(Number(process.env.INSTANCES_SMTP_PORT ?? 3299)); // both instances' SMTP_URL
  ids = fixture("setup");
});
test.afterAll(() => smtp?.close());

test("a token from A works on B; a refresh token spent on B is refused on A", async () => {
  const response = await grant(A);
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as Tokens;
  expect((await api(B, tokens.access_token)).status).toBe(200);
  const renewed = await refresh(B, tokens.refresh_token);
  expect(renewed.status).toBe(200);
  const again = await refresh(A, tokens.refresh_token);
  expect(again.status).toBe(400);
  expect(await again.json()).toMatchObject({ error: "invalid_grant" });
});

test("failed grants split across A and B hit the limit as soon as on one instance", async () => {
  const guesser = freshLoopback();
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await grant(i % 2 === 0 ? A : B, `Faux-${i}-2026!x`, guesser)).status);
  expect(statuses).toEqual([400, 400, 400, 400, 400]);
  expect((await grant(A, API_PASSWORD, guesser)).status).toBe(429);
  expect((await grant(B, API_PASSWORD, guesser)).status).toBe(429);
  expect((await grant(B)).status).toBe(200); // another client is not blocked
});

test("a password change on A makes B refuse the old token at once, although B had it cached", async () => {
  const tokens = (await (await grant(A)).json()) as Tokens;
  for (let i = 0; i < 3; i++) expect((await api(B, tokens.access_token)).status).toBe(200); // B serves it from memory now
  const claire = await signIn(A, "correspondant@demo.fr");
  try {
    const password = "Nouveau-Secret-2026!b";
    const changed = await action(claire, A, "changePasswordAction", [ids.accountId, { password, passwordConfirmation: password, confirmSynchronized: true }], { id: ids.accountId });
    expect(changed.ok).toBe(true);
    const after = await api(B, tokens.access_token);
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toContain("invalid_token");
    // Put the demo password back (for the other tests).
    expect((await action(claire, B, "changePasswordAction", [ids.accountId, { password: API_PASSWORD, passwordConfirmation: API_PASSWORD, confirmSynchronized: true }], { id: ids.accountId })).ok).toBe(true);
  } finally {
    await claire.dispose();
  }
});

test("the customs service is one more instance: its tokens work on A, A's on it; a refresh spent on A is refused on its token host", async () => {
  const fromHost = (await (await grant(CUSTOMS_TOKEN)).json()) as Tokens;
  expect((await api(A, fromHost.access_token)).status).toBe(200);
  expect((await api(CUSTOMS_API, fromHost.access_token)).status).toBe(200);
  const fromA = (await (await grant(A)).json()) as Tokens;
  expect((await api(CUSTOMS_API, fromA.access_token)).status).toBe(200);
  expect((await refresh(A, fromA.refresh_token)).status).toBe(200);
  const again = await refresh(CUSTOMS_TOKEN, fromA.refresh_token);
  expect(again.status).toBe(400);
  expect(await again.json()).toMatchObject({ error: "invalid_grant" });
});

test("failed grants split across B and the customs token host hit the limit as soon as on one", async () => {
  const guesser = freshLoopback();
  for (let i = 0; i < 5; i++) expect((await grant(i % 2 === 0 ? CUSTOMS_TOKEN : B, `Faux-C-${i}-2026!x`, guesser)).status).toBe(400);
  expect((await grant(CUSTOMS_TOKEN, API_PASSWORD, guesser)).status).toBe(429);
  expect((await grant(B, API_PASSWORD, guesser)).status).toBe(429);
  expect((await grant(CUSTOMS_TOKEN)).status).toBe(200);
});

test("a password change on A makes the customs API host refuse the old token at once, although it had it cached", async () => {
  const tokens = (await (await grant(CUSTOMS_TOKEN)).json()) as Tokens;
  for (let i = 0; i < 3; i++) expect((await api(CUSTOMS_API, tokens.access_token)).status).toBe(200);
  const claire = await signIn(A, "correspondant@demo.fr");
  try {
    const password = "Nouveau-Secret-2026!c";
    expect((await action(claire, A, "changePasswordAction", [ids.accountId, { password, passwordConfirmation: password, confirmSynchronized: true }], { id: ids.accountId })).ok).toBe(true);
    const after = await api(CUSTOMS_API, tokens.access_token);
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toContain("invalid_token");
    expect((await action(claire, A, "changePasswordAction", [ids.accountId, { password: API_PASSWORD, passwordConfirmation: API_PASSWORD, confirmSynchronized: true }], { id: ids.accountId })).ok).toBe(true);
  } finally {
    await claire.dispose();
  }
});

test("the demo clock moved on A shows on B, and back", async () => {
  // B's clock, as its simulated API says it (a fresh token each time: moving the clock expires tokens).
  const clockOf = async (base: string) => {
    const tokens = (await (await grant(base)).json()) as Tokens;
    const answer = (await (await api(base, tokens.access_token, "/example/api")).json()) as { receivedAt: string };
    return Date.parse(answer.receivedAt);
  };
  const clockOfCustoms = async () => {
    const tokens = (await (await grant(CUSTOMS_TOKEN)).json()) as Tokens;
    const answer = (await (await api(CUSTOMS_API, tokens.access_token, "/example/api")).json()) as { receivedAt: string };
    return Date.parse(answer.receivedAt);
  };
  const trainer = await signIn(A, "formateur@demo.fr");
  try {
    expect((await action(trainer, A, "moveDemoClockAction", [{ action: "advance", minutes: 60 }])).ok).toBe(true);
    await expect.poll(async () => (await clockOf(B)) - Date.now(), { timeout: 5_000 }).toBeGreaterThan(59 * 60_000);
    // The customs service follows the same clock (its API says the time; a token from its token host).
    await expect.poll(async () => (await clockOfCustoms()) - Date.now(), { timeout: 5_000 }).toBeGreaterThan(59 * 60_000);
    expect((await action(trainer, A, "moveDemoClockAction", [{ action: "reset" }])).ok).toBe(true);
    await expect.poll(async () => Math.abs((await clockOf(B)) - Date.now()), { timeout: 5_000 }).toBeLessThan(60_000);
  } finally {
    await action(trainer, A, "moveDemoClockAction", [{ action: "reset" }]).catch(() => undefined);
    await trainer.dispose();
  }
});

test("50 concurrent account creations for one SIRET, split across A and B: exactly 1 account and 49 French refusals", async () => {
  const claire = await signIn(A, "correspondant@demo.fr");
  try {
    const password = "Compte-Concurrent-2026!";
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        action(claire, i % 2 === 0 ? A : B, "createAccountAction", [{ identifiant: `api-course-${i}`, email: `course-${i}@logistique-demo.fr`, siret: "98765432400019", password, passwordConfirmation: password }]),
      ),
    );
    expect(results.filter((r) => r.ok), JSON.stringify(results.slice(0, 3))).toHaveLength(1);
    const refusals = results.filter((r) => !r.ok).map((r) => r.message);
    expect(refusals).toHaveLength(49);
    expect(new Set(refusals)).toEqual(new Set(["Un compte API existe déjà pour ce SIRET."]));
    const establishment = (await query<{ id: string }>(`SELECT id FROM "Establishment" WHERE siret = ?`, "98765432400019"))[0]!;
    expect(await count(`SELECT COUNT(*) AS n FROM "ApiAccount" WHERE "establishmentId" = ?`, establishment.id)).toBe(1);
  } finally {
    await claire.dispose();
  }
});

test("two agents deciding one request on A and B: one decision", async () => {
  const [onA, onB] = await Promise.all([signIn(A, "agent@douane.demo"), signIn(B, "agent@douane.demo")]);
  try {
    const decide = (context: APIRequestContext, base: string, decision: object) =>
      action(context, base, "decideRequestAction", [ids.requestId, { items: [{ itemId: ids.itemId, ...decision }] }], { id: ids.requestId });
    const results = await Promise.all([decide(onA, A, { decision: "APPROVED" }), decide(onB, B, { decision: "REFUSED", reason: "Refus concurrent de test." })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await count(`SELECT COUNT(*) AS n FROM "HabilitationRequestItem" WHERE id = ? AND decision <> 'PENDING'`, ids.itemId)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action IN ('HABILITATION_APPROVED', 'HABILITATION_REFUSED') AND "apiAccountId" = ?`, ids.accountId)).toBe(1);
  } finally {
    await Promise.all([onA.dispose(), onB.dispose()]);
  }
});

test("a url activation is announced once, by the sweep of one instance, nobody opening a page", async () => {
  const { url } = fixture<{ url: string }>("due-url");
  const announced = () => count(`SELECT COUNT(*) AS n FROM "AuditEvent" WHERE action = 'URL_CHANGE_EFFECTIVE' AND details LIKE ?`, `%${url}%`);
  await expect.poll(announced, { timeout: 10_000 }).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // several more sweeps of both instances
  expect(await announced()).toBe(1);
  expect(await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE kind = 'URL_CHANGE_EFFECTIVE' AND text LIKE ?`, `%${url}%`)).toBe(1);
});

test("a mail is sent once, whichever instance wrote it and however many sweep", async () => {
  const claire = await signIn(A, "correspondant@demo.fr");
  try {
    for (const [i, base] of [A, B, A, B].entries()) {
      expect((await action(claire, base, "changeEmailAction", [ids.accountId, { email: `exploitation-${i}@transports-exemple.fr` }], { id: ids.accountId })).ok).toBe(true);
    }
    const pending = () => count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status IN ('PENDING', 'SENDING')`);
    await expect.poll(pending, { timeout: 60_000 }).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const sent = await count(`SELECT COUNT(*) AS n FROM "OutboxMessage" WHERE status = 'SENT'`);
    expect(sent).toBeGreaterThanOrEqual(4);
    const subjects = await query<{ subject: string }>(`SELECT subject FROM "OutboxMessage" WHERE status = 'SENT'`);
    expect(smtp.received.map((m) => m.subject).sort(), JSON.stringify(subjects)).toEqual(subjects.map((m) => m.subject).sort());
    const changes = smtp.received.filter((m) => m.subject.startsWith("Email du compte API"));
    expect(changes).toHaveLength(4);
    expect(new Set(changes.map((m) => m.to.join(","))).size).toBe(4);
  } finally {
    await claire.dispose();
  }
});
