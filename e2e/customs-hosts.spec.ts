import { spawnSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { API, CA_FILE, PORTAL, TOKEN } from "./support/hosts";
import { DEMO_API, callApi, expectOAuthError, form, oauthFixture, obtainTokens, passwordFields, postToken } from "./support/oauth";
import { fetchFrom, freshLoopback } from "./support/http";
import { CORRESPONDENT, loadScenarioFromCli, login, resetDatabase } from "./support/helpers";
import { query } from "./support/db";
import { declareAsOperator } from "./support/operator";

/**
 * The customs side as its own service (customs-service.ts): a token host and an API host, each on
 * its own port, over TLS with the local authority's certificate (.tmp/e2e-tls here). Stock clients
 * trust that authority the documented way — no insecure flag — and the portal's own routes still
 * answer as before.
 */
const CA = CA_FILE;
const childEnv = { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME } as const;

test.beforeAll(() => {
  resetDatabase();
  oauthFixture("setup"); // api-demo-1 habilitated on DeltaH7
});

test("a stock Python client (requests) trusting the authority by REQUESTS_CA_BUNDLE gets a token and calls DeltaH7", () => {
  const script = `
import json, os, requests
token = requests.post(os.environ["TOKEN"] + "/oauth2/token", data={"grant_type": "password", "client_id": "gun-api", "scope": "openid", "username": "api-demo-1", "password": os.environ["PASSWORD"]}, timeout=10)
token.raise_for_status()
call = requests.get(os.environ["API"] + "/dh7/declarations", headers={"Authorization": "Bearer " + token.json()["access_token"]}, timeout=10)
print(json.dumps({"token": token.status_code, "call": call.status_code, "account": call.json().get("account")}))
`;
  const trusted = spawnSync("python3", ["-c", script], { encoding: "utf8", env: { ...childEnv, REQUESTS_CA_BUNDLE: CA, TOKEN, API, PASSWORD: DEMO_API.password } });
  expect(trusted.stderr).toBe("");
  expect(JSON.parse(trusted.stdout)).toEqual({ token: 200, call: 200, account: "api-demo-1" });

  // The same client without the authority: the certificate is refused — the TLS is real.
  const untrusted = spawnSync("python3", ["-c", script], { encoding: "utf8", env: { ...childEnv, TOKEN, API, PASSWORD: DEMO_API.password } });
  expect(untrusted.status).not.toBe(0);
  expect(untrusted.stderr).toMatch(/CERTIFICATE_VERIFY_FAILED/);
});

test("curl --cacert, as the README says: the guide's token request on the token host", () => {
  const out = spawnSync(
    "curl",
    ["-sS", "--cacert", CA, "-o", "/dev/null", "-w", "%{http_code} %{ssl_verify_result}", "-d", form(passwordFields()), `${TOKEN}/oauth2/token`],
    { encoding: "utf8", env: childEnv },
  );
  expect(out.stdout).toBe("200 0");
  const refused = spawnSync("curl", ["-sS", "-o", "/dev/null", `${TOKEN}/oauth2/token`], { encoding: "utf8", env: childEnv });
  expect(refused.status).toBe(60); // curl: "SSL certificate problem"
});

test("the repository's CLI over TLS (NODE_EXTRA_CA_CERTS): the simulator environment is the customs hosts", () => {
  const out = spawnSync(process.execPath, ["bin/douane-token.mjs", "get", "--env", "simulateur", "--username", DEMO_API.username, "--api-url", `${API}/dh7/declarations`, "--json"], {
    encoding: "utf8",
    env: { ...childEnv, NODE_EXTRA_CA_CERTS: CA, CONSOLE_BASE_URL: PORTAL, CUSTOMS_TOKEN_BASE_URL: TOKEN, CUSTOMS_API_BASE_URL: API, DOUANE_PASSWORD: DEMO_API.password },
  });
  expect(out.status, out.stderr).toBe(0);
  const report = JSON.parse(out.stdout) as { tokenUrl: string; exchange: { outcome: string }; apiCall: { status: number } | null; idTokenError: string | null };
  expect(report.tokenUrl).toBe(`${TOKEN}/oauth2/token`);
  expect(report.exchange.outcome).toBe("success");
  expect(report.idTokenError).toBeNull(); // signature checked against the token host's JWKS
  expect(report.apiCall?.status).toBe(200);
});

test("the portal's own routes for the customs side answer as before, with the same metadata", async () => {
  const viaPortal = await obtainTokens(PORTAL);
  expect((await callApi(PORTAL, "/dh7/declarations", viaPortal.access_token)).status).toBe(200);
  // One service: a token from the portal's route works on the API host, and the other way round.
  expect((await callApi(API, "/dh7/declarations", viaPortal.access_token)).status).toBe(200);
  const viaHost = await obtainTokens(TOKEN);
  expect((await callApi(PORTAL, "/example/api", viaHost.access_token)).status).toBe(200);
  // Each keeps its own identity, as before: the portal is the issuer of what it serves, the token host of what it serves.
  const [portal, host] = (await Promise.all([PORTAL, TOKEN].map(async (base) => (await fetch(`${base}/.well-known/openid-configuration`)).json()))) as Record<string, unknown>[];
  expect(portal).toMatchObject({ issuer: PORTAL, token_endpoint: `${PORTAL}/oauth2/token`, jwks_uri: `${PORTAL}/oauth2/jwks` });
  expect(host).toMatchObject({ issuer: TOKEN, token_endpoint: `${TOKEN}/oauth2/token`, jwks_uri: `${TOKEN}/oauth2/jwks` });
  const claims = (t: string) => JSON.parse(Buffer.from(t.split(".")[1]!, "base64url").toString("utf8")) as { iss: string };
  expect(claims(viaPortal.id_token).iss).toBe(PORTAL);
  expect(claims(viaHost.id_token).iss).toBe(TOKEN);
  // One signing key set behind both.
  const [portalKeys, hostKeys] = await Promise.all([PORTAL, TOKEN].map(async (base) => (await fetch(`${base}/oauth2/jwks`)).json()));
  expect(portalKeys).toEqual(hostKeys);
});

test("each host serves its own side only, with the security headers, and refuses malformed requests in JSON", async () => {
  const discovery = await fetch(`${TOKEN}/.well-known/openid-configuration`);
  expect(discovery.headers.get("strict-transport-security")).toContain("max-age=");
  expect(discovery.headers.get("x-content-type-options")).toBe("nosniff");
  // The API host has no token endpoint, the token host no API.
  expect((await fetch(`${API}/oauth2/token`, { method: "POST" })).status).toBe(404);
  expect((await fetch(`${TOKEN}/dh7/declarations`)).status).toBe(404);
  expect((await fetch(`${API}/login`)).status).toBe(404);
  const tooLarge = await postToken(TOKEN, `${form(passwordFields())}&x=${"a".repeat(70 * 1024)}`);
  expect(tooLarge.status).toBe(413);
  expect(await tooLarge.json()).toMatchObject({ error: "invalid_request" });
  const malformed = await fetchFrom(freshLoopback(), `${API}/dh7/%E0%A4%A`);
  expect(malformed.status).toBe(400);
  await expectOAuthError(await postToken(TOKEN, form(passwordFields(DEMO_API.username, "Mauvais-2026!x"))), 400, "invalid_grant");
});

test("the DeltaH7 exchange: an operator's script declares on the API host, the demo receiver gets the Response_H7, the account shows it", async ({ page }) => {
  const { accountId } = oauthFixture<{ accountId: string }>("dh7-receiver", { token: "Jeton-Retour-E2E-H7" });
  const ack = declareAsOperator("LRN-E2E-0001");
  expect(ack).toMatchObject({ status: 202, body: { status: "RECEIVED" } });
  const reference = ack.body.customsDeclarationReference;

  // The same LRN again: an Error_H7, by callback too.
  expect(declareAsOperator("LRN-E2E-0001").status).toBe(202);

  await login(page, CORRESPONDENT);
  await page.goto(`/comptes-api/${accountId}`);
  const received = page.getByRole("region", { name: "Reçus par le récepteur de démonstration" });
  await expect(received).toContainText(`/declarations/${reference}/reponses`);
  await expect(received).toContainText("/declarations/erreurs");
  const customs = page.getByTestId("customs-callbacks");
  await expect(customs.locator('[data-testid="customs-callback"][data-status="SENT"]')).toHaveCount(2);
  await expect(customs).toContainText("Response_H7");
  await expect(customs).toContainText("Error_H7");
});

test("the trainer's scenario « Déclaration en erreur »: the account shows the Response_H7 and the Error_H7 the demo receiver got", async ({ page }) => {
  loadScenarioFromCli("declaration-en-erreur");
  const id = (await query<{ id: string }>(`SELECT "id" FROM "ApiAccount" WHERE "identifiantKey" = 'api-demo-1'`))[0]!.id;
  await login(page, CORRESPONDENT);
  await page.goto(`/comptes-api/${id}`);
  const customs = page.getByTestId("customs-callbacks");
  // Delivered by the loader itself (the console runs), or by the sweep within its interval.
  await expect(customs.locator('[data-testid="customs-callback"][data-status="SENT"]')).toHaveCount(2, { timeout: 30_000 });
  await expect(customs).toContainText("Error_H7");
  await expect(page.getByRole("region", { name: "Reçus par le récepteur de démonstration" })).toContainText("/declarations/erreurs");
  // « Renvoyer »: delivered again, at once, and said so.
  await customs.getByRole("button", { name: /^Renvoyer/ }).first().click();
  await expect(page.getByText(/Appel retour renvoyé et accepté \(HTTP 200\)\./)).toBeVisible();
});
