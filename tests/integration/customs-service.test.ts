import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { request } from "node:https";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@/lib/db";
import { freezeClock } from "@/lib/clock";
import { markEdgeRunning, parseTrustedProxies } from "@/lib/net/client-address";
import { ensureLocalCertificates } from "@/lib/customs-service/tls";
import { startCustomsHost, stopHost, type RunningHost } from "@/lib/customs-service/service";
import { routeFor } from "@/lib/customs-service/routes";
import { ensureCatalogueApis, habilitate } from "../support/apis";
import { withTestDatabase, resetToDemo } from "../support/test-db";

/** The customs service's hosts over real TLS (the local authority), in this process, on both engines. */
type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

let dir: string;
let ca: Buffer;
let token: RunningHost;
let api: RunningHost;

function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; ca?: Buffer | null } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers, ...(init.ca === null ? {} : { ca: init.ca ?? ca }), agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const grant = (password = "Demo-Api-2026!x") =>
  call(`${token.url}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "password", client_id: "gun-api", scope: "openid", username: "api-demo-1", password }).toString(),
  });

withTestDatabase();
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "customs-tls-"));
  const certs = ensureLocalCertificates(dir);
  ca = readFileSync(certs.caPath);
  const tls = { cert: readFileSync(certs.certPath), key: readFileSync(certs.keyPath) };
  markEdgeRunning();
  const trustedProxies = parseTrustedProxies("");
  token = await startCustomsHost({ host: "token", port: 0, hostname: "127.0.0.1", trustedProxies, tls });
  api = await startCustomsHost({ host: "api", port: 0, hostname: "127.0.0.1", trustedProxies, tls });
  process.env.CUSTOMS_TOKEN_BASE_URL = token.url;
  process.env.CUSTOMS_API_BASE_URL = api.url;
});
afterAll(async () => {
  await Promise.all([token, api].filter(Boolean).map(stopHost));
  delete process.env.CUSTOMS_TOKEN_BASE_URL;
  delete process.env.CUSTOMS_API_BASE_URL;
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await resetToDemo();
  freezeClock(null);
  const prisma = db();
  await ensureCatalogueApis(prisma);
  const account = await prisma.apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
  await habilitate(prisma, account.id, "DELTA_H7");
});

describe("the customs service over TLS", () => {
  it("a token from the token host opens DeltaH7 on the API host; the id_token's issuer is the token host", async () => {
    const answer = await grant();
    expect(answer.status).toBe(200);
    expect(answer.headers["strict-transport-security"]).toContain("max-age=");
    const body = JSON.parse(answer.body) as { access_token: string; id_token: string };
    const claims = JSON.parse(Buffer.from(body.id_token.split(".")[1]!, "base64url").toString("utf8")) as { iss: string };
    expect(claims.iss).toBe(token.url);
    const discovery = JSON.parse((await call(`${token.url}/.well-known/openid-configuration`)).body) as Record<string, string>;
    expect(discovery).toMatchObject({ issuer: token.url, token_endpoint: `${token.url}/oauth2/token`, jwks_uri: `${token.url}/oauth2/jwks` });
    expect(JSON.parse((await call(`${token.url}/oauth2/jwks`)).body)).toMatchObject({ keys: [expect.objectContaining({ alg: "RS512" })] });

    const dh7 = await call(`${api.url}/dh7/declarations`, { headers: { Authorization: `Bearer ${body.access_token}` } });
    expect(dh7.status).toBe(200);
    expect(JSON.parse(dh7.body)).toMatchObject({ account: "api-demo-1", api: { code: "DELTA_H7" } });
    const gamma2 = await call(`${api.url}/gamma2/mouvements`, { headers: { Authorization: `Bearer ${body.access_token}` } });
    expect(gamma2.status).toBe(403);
    expect(gamma2.headers["www-authenticate"]).toContain('error="insufficient_scope"');
    const wrong = await call(`${api.url}/dh7/declarations`, { headers: { Authorization: `Bearer ${"f".repeat(64)}` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers["www-authenticate"]).toContain('error="invalid_token"');
  });

  it("is refused by a client that does not trust the local authority", async () => {
    await expect(call(`${token.url}/oauth2/jwks`, { ca: null })).rejects.toMatchObject({ code: expect.stringMatching(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/) });
  });

  it("answers the RFC errors as the portal's routes do, and refuses what it does not serve", async () => {
    const refused = await grant("Mauvais-Mot-2026!");
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ error: "invalid_grant" });
    expect((await call(`${token.url}/oauth2/token`)).status).toBe(405);
    expect((await call(`${api.url}/oauth2/token`, { method: "POST" })).status).toBe(404);
    expect((await call(`${token.url}/dh7/declarations`)).status).toBe(404);
    const big = await call(`${token.url}/oauth2/token`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "a".repeat(65 * 1024) });
    expect(big.status).toBe(413);
    expect((await call(`${api.url}/dh7/%E0%A4%A`)).status).toBe(400);
  });
});

describe("the hosts' routes (pure)", () => {
  it("map each path of each host to its handler, and anything else to 404", async () => {
    const status = async (host: "token" | "api", method: string, p: string) => (await routeFor(host, method, p)(new Request(`https://x${p}`, { method }))).status;
    expect(await status("token", "GET", "/oauth2/token")).toBe(405);
    expect(await status("token", "DELETE", "/oauth2/jwks")).toBe(405);
    expect(await status("token", "GET", "/example/api")).toBe(404);
    expect(await status("api", "GET", "/example/api")).toBe(401);
    expect(await status("api", "GET", "/pnts")).toBe(401);
    expect(await status("api", "GET", "/autre/api")).toBe(404);
    expect(await status("api", "GET", "/.well-known/openid-configuration")).toBe(404);
  });
});
