/**
 * The CLI (bin/douane-token.mjs → lib/token-cli/main.ts) against a real local RFC 6749 server:
 * spawned as a process for the exit codes and the password's path, called in-process for the rest.
 */
import { PassThrough, Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "@/lib/token-cli/main";
import { spawnCli, type CliRun } from "../support/cli";
import { resetStub, startOAuthStub, STUB_USERS, type OAuthStub } from "../support/oauth-stub";

const PASSWORD = STUB_USERS["api-demo-1"]!;
let stub: OAuthStub;

beforeAll(async () => {
  stub = await startOAuthStub();
});
afterAll(() => stub.close());
afterEach(() => resetStub(stub));

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, NODE_OPTIONS: "", ...extra };
}

/** Runs main() in this process with in-memory streams. */
async function runCli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d: Buffer) => (out += d.toString()));
  stderr.on("data", (d: Buffer) => (err += d.toString()));
  const code = await main(args, { env: cleanEnv(options.env), stdin: Readable.from([options.stdin ?? ""]), stdout, stderr });
  return { code, stdout: out, stderr: err };
}

describe("douane-token get (spawned)", () => {
  it("success: password on stdin, report printed, exit 0, the password nowhere in the output", async () => {
    const r = await spawnCli(["get", "--env", stub.tokenUrl, "--username", "api-demo-1"], { stdin: `${PASSWORD}\n` });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Test d'obtention d'un jeton — URL personnalisée");
    expect(r.stdout).toContain("--data-urlencode 'password=***'");
    expect(r.stdout).toContain("Réponse : HTTP 200 en");
    expect(r.stdout).toContain("✔ access_token : chaîne");
    expect(r.stdout).toContain("✔ id_token : JWT");
    expect(r.stdout).toContain("Signature : ✔ valide");
    expect(r.stdout).toContain("Verdict : ✔ Jeton obtenu : la réponse est conforme au guide");
    expect(r.stdout).not.toContain(PASSWORD);
    expect(r.stdout).not.toMatch(/[0-9a-f]{64}/);
  });

  it("wrong password from DOUANE_PASSWORD → French explanation, exit 1", async () => {
    const r = await spawnCli(["get", "--env", stub.tokenUrl, "--username", "api-demo-1"], { env: { DOUANE_PASSWORD: "Mauvais-2026!" } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Identifiant ou mot de passe refusé (invalid_grant)");
    expect(r.stdout).toContain("l'identifiant ou le mot de passe est faux");
    expect(r.stdout).not.toContain("Mauvais-2026!");
  });

  it("bad usage → exit 2 with a French message (password in argv refused, missing option, unknown command)", async () => {
    const inArgv = await spawnCli(["get", "--env", stub.tokenUrl, "--username", "api-demo-1", "--password", PASSWORD]);
    expect(inArgv.code).toBe(2);
    expect(inArgv.stderr).toContain("Le mot de passe ne se passe jamais en argument");
    const missing = await spawnCli(["get", "--env", "simulateur"], { stdin: PASSWORD });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Option --username obligatoire");
    const unknown = await spawnCli(["obtenir"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Commande inconnue : obtenir");
  });
});

describe("douane-token call (spawned)", () => {
  it("--repeat 500 → 500 calls through one mutualised client, 1 token request", async () => {
    const before = stub.stats.tokenRequests;
    const r = await spawnCli(["call", stub.apiUrl, "--env", stub.tokenUrl, "--username", "api-demo-1", "--repeat", "500"], { stdin: PASSWORD });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/500 appels simultanés en \d+ ms : HTTP 200 × 500/);
    expect(r.stdout).toContain("Requêtes de jeton : 1 (jeton mutualisé)");
    expect(stub.stats.tokenRequests - before).toBe(1);
  });
});

describe("douane-token (in-process)", () => {
  it("--json prints the page's report as JSON", async () => {
    const r = await runCli(["get", "--env", stub.tokenUrl, "-u", "api-demo-1", "--json", "--api-url", stub.apiUrl, "--refresh"], { stdin: PASSWORD });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.exchange.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    expect(report.idToken.signature.status).toBe("valid");
    expect(report.apiCall.status).toBe(200);
    expect(report.refresh.verdict.ok).toBe(true);
    expect(r.stdout).not.toContain(PASSWORD);
  });

  it("--env simulateur reads the console's environments (CONSOLE_BASE_URL)", async () => {
    const r = await runCli(["get", "--env", "simulateur", "-u", "api-demo-1"], { stdin: PASSWORD, env: { CONSOLE_BASE_URL: stub.origin } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Test d'obtention d'un jeton — Simulateur (cette console)");
    expect(r.stdout).toContain(`URL du jeton : ${stub.tokenUrl}`);
  });

  it("server errors and malformed answers → exit 1, explained", async () => {
    stub.behaviour.tokenMode = "500";
    const down = await runCli(["get", "--env", stub.tokenUrl, "-u", "api-demo-1"], { stdin: PASSWORD });
    expect(down.code).toBe(1);
    expect(down.stdout).toContain("Erreur du serveur (HTTP 500)");
    stub.behaviour.tokenMode = "non-json";
    const html = await runCli(["get", "--env", stub.tokenUrl, "-u", "api-demo-1"], { stdin: PASSWORD });
    expect(html.code).toBe(1);
    expect(html.stdout).toContain("Réponse HTTP 200 non conforme");
    expect(html.stdout).toContain("✗ Le corps est du JSON");
  });

  it("call: 200 prints status and body; 403 prints the parsed WWW-Authenticate, exit 1; twice invalid_token → exit 1", async () => {
    const ok = await runCli(["call", stub.apiUrl, "--env", stub.tokenUrl, "-u", "api-demo-1"], { stdin: PASSWORD });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("HTTP 200");
    expect(ok.stdout).toContain('"user":"api-demo-1"');

    const forbidden = await runCli(["call", `${stub.origin}/api/forbidden`, "--env", stub.tokenUrl, "-u", "api-demo-1"], { stdin: PASSWORD });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stdout).toContain('WWW-Authenticate : Bearer realm="stub", error="insufficient_scope", scope="dh7"');
    expect(forbidden.stdout).toContain("  error = insufficient_scope");
    expect(forbidden.stdout).toContain("Droits insuffisants (HTTP 403, insufficient_scope)");

    stub.behaviour.apiRejectsAll = true;
    const rejected = await runCli(["call", stub.apiUrl, "--env", stub.tokenUrl, "-u", "api-demo-1", "--json"], { stdin: PASSWORD });
    expect(rejected.code).toBe(1);
    expect(JSON.parse(rejected.stdout)).toMatchObject({ ok: false, error: { kind: "rejected", status: 401 }, tokenRequests: 2 });
  });

  it("call: a wrong password is an OAuth error (exit 1), explained on stderr", async () => {
    const r = await runCli(["call", stub.apiUrl, "--env", stub.tokenUrl, "-u", "api-demo-1"], { env: { DOUANE_PASSWORD: "faux" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Identifiant ou mot de passe refusé (invalid_grant)");
  });

  it.each([
    [["get", "--env", "http://connexion.exemple.fr/oauth2/token", "-u", "x"], "https"],
    [["get", "--env", "lune", "-u", "x"], "ni un environnement"],
    [["get", "-u", "x"], "--env obligatoire"],
    [["get", "--env", "simulateur", "-u", "x", "--timeout", "0"], "--timeout"],
    [["get", "--env", "simulateur", "-u", "x", "--inconnue"], "Unknown option"],
    [["call", "--env", "simulateur", "-u", "x"], "exactement une URL"],
    [["call", "https://api.exemple.fr", "--env", "simulateur", "-u", "x", "-H", "Authorization: Bearer x"], "Authorization"],
    [["call", "https://api.exemple.fr", "--env", "simulateur", "-u", "x", "--repeat", "0"], "--repeat"],
    [["get", "--env", "simulateur", "-u", "x", "-p", "secret"], "jamais en argument"],
  ])("usage error %j → exit 2", async (args, message) => {
    const r = await runCli(args, { stdin: PASSWORD });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("no password at all → exit 2", async () => {
    const r = await runCli(["get", "--env", stub.tokenUrl, "-u", "api-demo-1"], { stdin: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Mot de passe manquant");
  });

  it("help → exit 0 on stdout; nothing → usage on stderr, exit 2", async () => {
    const help = await runCli(["help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Code de sortie : 0 succès, 1 erreur OAuth, HTTP ou réseau, 2 erreur d'utilisation.");
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage : douane-token");
  });
});
