/**
 * Test callbacks ("appels retours") against real HTTP servers on 127.0.0.1 and a real SQLite
 * database: success, HTTP errors, timeouts (connection and body), redirects not followed,
 * connection refused, TLS, DNS failures, the outbound policy (loopback, private addresses, DNS
 * answers checked again at connection time), refusals before sending, the per-user limit, the
 * token never stored nor logged — and the demo receiver (token check, sizes, the whole loop).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { setClockOffsetMs } from "@/lib/clock";
import { NotFoundError, type Actor } from "@/lib/authorization";
import { createApiAccount } from "@/lib/accounts/service";
import { saveApiData } from "@/lib/habilitations/service";
import { refreshAccountStatus } from "@/lib/habilitations/account-status";
import { CALLBACK_MESSAGES, MAX_SENDS_PER_MINUTE, sendTestCallback } from "@/lib/callbacks/service";
import { getCallbacksView } from "@/lib/callbacks/data";
import { RECEIVER_KEEP_PER_ACCOUNT, RECEIVER_MAX_BODY_BYTES, demoReceiverUrl, handleDemoReceiver, tokensMatch } from "@/lib/callbacks/receiver";
import { createTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { habilitate, type ApiCode } from "../support/apis";
import { fromAddress } from "../support/client-address";
import { startSimulatorServer, type SimulatorServer } from "../support/simulator-server";

const TOKEN = "Jeton-Retour-Secret-0001";
const DH7_DELAY_MS = 4 * 3600_000;

type Seen = { method: string; url: string; headers: IncomingMessage["headers"]; body: string };

/** A programmable operator's system: the first path segment chooses the behaviour. */
async function startTarget(): Promise<{ origin: string; seen: Seen[]; server: Server; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const mode = (req.url ?? "/").split("/")[1];
      switch (mode) {
        case "ok":
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ statut: "pris en compte", recu: Buffer.concat(chunks).length }));
          return;
        case "echo": // a careless system that echoes the request headers (Authorization included)
          res.writeHead(200, { "Content-Type": "application/json" });
          res.end(JSON.stringify({ headers: req.headers, note: `authorization=${req.headers.authorization}` }));
          return;
        case "gros":
          res.writeHead(200, { "Content-Type": "text/plain" });
          res.end("x".repeat(10_000));
          return;
        case "erreur":
          res.writeHead(500, { "Content-Type": "text/plain" });
          res.end("Erreur interne du système de l'opérateur");
          return;
        case "redirige":
          res.writeHead(302, { Location: `${(req.headers["x-redirect-to"] as string) ?? "http://10.1.2.3/ailleurs"}` });
          res.end();
          return;
        case "lent": // never answers
          return;
        case "corps-lent": // headers at once, then a body that never ends
          res.writeHead(200, { "Content-Type": "application/json" });
          res.write('{"debut":');
          return;
        default:
          res.writeHead(404);
          res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let dispose: () => Promise<void>;
let target: Awaited<ReturnType<typeof startTarget>>;
let simulator: SimulatorServer;
const savedEnv = { ...process.env };

beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  target = await startTarget();
  simulator = await startSimulatorServer(); // sets CONSOLE_BASE_URL: the demo receiver's urls point at it
});
afterAll(async () => {
  await target.close();
  await simulator.close();
  await dispose();
});
beforeEach(async () => {
  await resetToDemo();
  process.env.DEMO_MODE = "1";
  process.env.OUTBOUND_ALLOW_LOOPBACK = "1";
  process.env.CONSOLE_BASE_URL = simulator.origin;
  target.seen.length = 0;
});
afterEach(() => {
  setClockOffsetMs(0);
  vi.restoreAllMocks();
  for (const key of ["DEMO_MODE", "OUTBOUND_ALLOW_LOOPBACK", "CONSOLE_BASE_URL"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

const claire = () => actor("correspondant@demo.fr");
const agent = () => actor("agent@douane.demo");
const demoId = async () => (await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } })).id;

/** api-demo-1 habilitated on the API, url and token saved by the correspondent, the url made active (clock moved past its delay). */
async function configure(url: string, { code = "DELTA_H7", token = TOKEN, activate = true }: { code?: ApiCode; token?: string; activate?: boolean } = {}) {
  const id = await demoId();
  await habilitate(db(), id, code);
  await refreshAccountStatus(db(), id);
  const saved = await saveApiData(await claire(), id, code, { url, token });
  if (!saved.ok) throw new Error(saved.message);
  if (activate) setClockOffsetMs(DH7_DELAY_MS + 60_000);
  return id;
}

async function send(who: Actor, options: Parameters<typeof sendTestCallback>[3] = {}, code = "DELTA_H7") {
  return sendTestCallback(who, await demoId(), code, options);
}

async function onlyAttempt() {
  const attempts = await db().callbackAttempt.findMany();
  expect(attempts).toHaveLength(1);
  return attempts[0]!;
}

describe("a test callback to the operator's active url", () => {
  it("POSTs the API's sample message with the token as Bearer, and records the answer, the latency and an audit event", async () => {
    const id = await configure(`${target.origin}/ok/retours`);
    const c = await claire();
    const result = await send(c);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({ outcome: "success", success: true, status: 200 });
    expect(result.message).toMatch(/^Appel retour de test DeltaH7 envoyé\. Appel retour accepté : HTTP 200 en \d+ ms\.$/);
    expect(result.data.url).toMatch(new RegExp(`^${target.origin}/ok/retours/declarations/\\d{2}FR[0-9A-Z]{14}/reponses$`));

    expect(target.seen).toHaveLength(1);
    const request = target.seen[0]!;
    expect(request.method).toBe("POST");
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(request.headers.accept).toBe("application/json");
    const message = JSON.parse(request.body) as Record<string, unknown>;
    const mrn = result.data.url.split("/").at(-2);
    expect(message).toMatchObject({ typeMessage: "NOTIFICATION_MAINLEVEE", essai: true, api: "DELTA_H7", compteApi: "api-demo-1", mrn, reference: mrn });
    expect(message.statut).toEqual({ code: "MAINLEVEE", libelle: expect.stringContaining("Mainlevée") });

    const attempt = await onlyAttempt();
    expect(attempt).toMatchObject({ apiAccountId: id, apiCode: "DELTA_H7", url: result.data.url, actorId: c.id, status: 200, error: null });
    expect(attempt.latencyMs).toBe(result.data.latencyMs);
    expect(JSON.parse(attempt.responseSnippet!)).toMatchObject({ statut: "pris en compte" });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "CALLBACK_TEST_SENT" } });
    expect(audit).toMatchObject({ apiAccountId: id, siret: "12345678200010", actorEmail: "correspondant@demo.fr" });
    expect(JSON.parse(audit.details!)).toEqual({ api: "DeltaH7", url: result.data.url, outcome: "success", httpStatus: 200, latencyMs: attempt.latencyMs });

    const view = await getCallbacksView(c, id);
    expect(view.canSend).toBe(true);
    expect(view.attempts).toEqual([expect.objectContaining({ id: attempt.id, apiName: "DeltaH7", status: 200, success: true, sentBy: "correspondant@demo.fr" })]);
  });

  it("customs agents send too (any account); the message and path follow the API (Gamma2: ARC, movement event)", async () => {
    await configure(`${target.origin}/ok/gamma`, { code: "GAMMA2" });
    const result = await send(await agent(), {}, "GAMMA2");
    expect(result.ok && result.data.success).toBe(true);
    expect(target.seen[0]!.url).toMatch(/^\/ok\/gamma\/mouvements\/\d{2}FR[0-9A-Z]{17}\/evenements$/);
    expect(JSON.parse(target.seen[0]!.body)).toMatchObject({ typeMessage: "EVENEMENT_MOUVEMENT", evenement: { code: "IE818" } });
    expect((await onlyAttempt()).actorId).toBe((await agent()).id);
  });

  it("keeps only the first 2 kB of the response", async () => {
    await configure(`${target.origin}/gros`);
    await send(await claire());
    expect((await onlyAttempt()).responseSnippet).toBe("x".repeat(2048));
  });

  it("never stores, returns, audits or logs the token — even when the operator's system echoes it back", async () => {
    await configure(`${target.origin}/echo`);
    const lines: string[] = [];
    const capture = (chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, "write").mockImplementation(capture);
    vi.spyOn(process.stderr, "write").mockImplementation(capture);
    for (const method of ["log", "info", "warn", "error"] as const) vi.spyOn(console, method).mockImplementation((...args) => void lines.push(args.map(String).join(" ")));
    const result = await send(await claire());
    vi.restoreAllMocks();
    expect(target.seen[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`); // it was sent…
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    const attempt = await onlyAttempt();
    expect(attempt.responseSnippet).toContain("[masqué]");
    const stored = JSON.stringify([await db().callbackAttempt.findMany(), await db().auditEvent.findMany(), await db().receivedCallback.findMany()]);
    expect(stored).not.toContain(TOKEN);
    expect(lines.join("\n")).not.toContain(TOKEN);
  });

  it("an HTTP error is recorded with its status and explained", async () => {
    await configure(`${target.origin}/erreur`);
    const result = await send(await claire());
    expect(result).toMatchObject({ ok: true, data: { outcome: "http_error", success: false, status: 500 } });
    expect(result.ok && result.message).toBe("Le système appelé a répondu HTTP 500 (erreur interne du système appelé) : l'appel retour n'est pas accepté.");
    const attempt = await onlyAttempt();
    expect(attempt).toMatchObject({ status: 500, responseSnippet: "Erreur interne du système de l'opérateur" });
    expect(attempt.error).toContain("HTTP 500");
    const view = await getCallbacksView(await claire(), await demoId());
    expect(view.attempts[0]).toMatchObject({ success: false, status: 500 });
  });

  it("times out when no answer comes (configurable timeout; 10 s by default)", async () => {
    await configure(`${target.origin}/lent`);
    const result = await send(await claire(), { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: true, data: { outcome: "timeout", status: null, success: false } });
    expect(result.ok && result.message).toMatch(/^Pas de réponse complète de 127\.0\.0\.1:\d+ en 0,3 s \(délai dépassé, connexion et corps compris\)/);
    expect(result.ok && result.data.latencyMs).toBeGreaterThanOrEqual(290);
    expect(result.ok && result.data.latencyMs).toBeLessThan(5_000);
    expect((await onlyAttempt()).error).toContain("délai dépassé");
  });

  it("times out when the body never ends (the timeout covers the body too)", async () => {
    await configure(`${target.origin}/corps-lent`);
    const result = await send(await claire(), { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: true, data: { outcome: "timeout", status: null } });
  });

  it("never follows a redirect: the 3xx is the outcome, its target is never called", async () => {
    const elsewhere = await startTarget();
    try {
      await configure(`${target.origin}/redirige`);
      // The target server redirects to the header's value; a second real server stands there.
      const result = await send(await claire(), {
        fetch: (url, init) => globalThis.fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), "x-redirect-to": `${elsewhere.origin}/ok` } }),
      });
      expect(result).toMatchObject({ ok: true, data: { outcome: "redirect", status: 302, success: false } });
      expect(result.ok && result.message).toBe(
        `Le système appelé a répondu HTTP 302 (redirection vers ${elsewhere.origin}/ok) : la douane ne suit aucune redirection ; renseignez l'adresse finale comme url.`,
      );
      expect(elsewhere.seen).toHaveLength(0);
      // The console's own transport does not follow it either.
      target.seen.length = 0;
      const again = await send(await claire());
      expect(again).toMatchObject({ ok: true, data: { outcome: "redirect", status: 302 } });
      expect(again.ok && again.message).toContain("redirection vers http://10.1.2.3/ailleurs");
    } finally {
      await elsewhere.close();
    }
  });

  it("explains a connection refused", async () => {
    const closed = await startTarget();
    const origin = closed.origin;
    await closed.close();
    await configure(`${origin}/ok`);
    const result = await send(await claire());
    expect(result).toMatchObject({ ok: true, data: { outcome: "network", status: null } });
    expect(result.ok && result.message).toMatch(/^Erreur réseau : connexion refusée par 127\.0\.0\.1:\d+ \(aucun serveur n'écoute\)\.$/);
  });

  it("explains a TLS failure (https to a server that does not speak it)", async () => {
    await configure(`${target.origin.replace("http:", "https:")}/ok`);
    const result = await send(await claire());
    expect(result).toMatchObject({ ok: true, data: { outcome: "network", status: null } });
    expect(result.ok && result.message).toMatch(/TLS/);
  });

  it("explains a host name that does not resolve", async () => {
    await configure("https://retours.transports-exemple.fr/dh7");
    const resolve = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND retours.transports-exemple.fr"), { code: "ENOTFOUND" });
    };
    const result = await send(await claire(), { resolve });
    expect(result).toMatchObject({ ok: true, data: { outcome: "network" } });
    expect(result.ok && result.message).toBe("Erreur réseau : Le nom d'hôte « retours.transports-exemple.fr » ne se résout pas (DNS).");
  });
});

describe("the outbound policy", () => {
  it("refuses a loopback address unless the console allows it", async () => {
    delete process.env.OUTBOUND_ALLOW_LOOPBACK;
    await configure(`${target.origin}/ok`);
    const result = await send(await claire());
    expect(result).toMatchObject({ ok: true, data: { outcome: "refused", status: null, success: false } });
    expect(result.ok && result.message).toBe("Appel refusé par la console : Les adresses locales (loopback) ne sont pas autorisées sur cette console. La douane n'appelle que des adresses publiques.");
    expect(target.seen).toHaveLength(0);
    expect((await onlyAttempt()).error).toBe(result.ok ? result.message : "");
  });

  it("without OUTBOUND_ALLOW_LOOPBACK, the console's own demo receiver is still reached (demo mode), and nothing else on loopback (finding 15)", async () => {
    delete process.env.OUTBOUND_ALLOW_LOOPBACK;
    const id = await demoId();
    await configure(demoReceiverUrl(id, "dh7"));
    const toReceiver = await send(await claire());
    expect(toReceiver).toMatchObject({ ok: true, data: { outcome: "success", status: 200 } });
    expect(await db().receivedCallback.count()).toBe(1);
    // Another port of the machine, or another path of the console itself, stays refused.
    for (const url of [`${target.origin}/ok`, `${simulator.origin}/oauth2/token`, `${simulator.origin}/recepteur-demo/../oauth2/token`]) {
      await resetToDemo();
      setClockOffsetMs(0);
      await configure(url);
      const result = await send(await claire());
      expect(result.ok && result.data.outcome, url).toBe("refused");
    }
    expect(target.seen).toHaveLength(0);
    // Outside demo mode the receiver does not exist: its address is loopback like any other.
    await resetToDemo();
    setClockOffsetMs(0);
    await configure(demoReceiverUrl(await demoId(), "dh7"));
    delete process.env.DEMO_MODE;
    const outside = await send(await claire());
    expect(outside.ok && outside.data.outcome).toBe("refused");
  });

  it("refuses a host name of the machine itself (localhost) unless loopback is allowed", async () => {
    delete process.env.OUTBOUND_ALLOW_LOOPBACK;
    await configure(`${target.origin.replace("127.0.0.1", "localhost")}/ok`);
    const result = await send(await claire());
    expect(result.ok && result.data.outcome).toBe("refused");
    expect(target.seen).toHaveLength(0);
  });

  it("checks every DNS answer: a host name resolving to a private address is refused", async () => {
    await configure("https://retours.transports-exemple.fr/dh7");
    const result = await send(await claire(), { resolve: async () => [{ address: "93.184.216.34", family: 4 }, { address: "10.1.2.3", family: 4 }] });
    expect(result.ok && result.message).toBe(
      "Appel refusé par la console : « retours.transports-exemple.fr » pointe vers 10.1.2.3 : adresse privée, locale ou réservée refusée. La douane n'appelle que des adresses publiques.",
    );
  });

  it("checks the addresses really connected to: a DNS answer that changes after the check (rebinding) is refused", async () => {
    delete process.env.OUTBOUND_ALLOW_LOOPBACK;
    const port = new URL(target.origin).port;
    await configure(`https://retours.transports-exemple.fr:${port}/ok`);
    let calls = 0;
    const resolve = async () => {
      calls += 1;
      return calls === 1 ? [{ address: "93.184.216.34", family: 4 }] : [{ address: "127.0.0.1", family: 4 }];
    };
    const result = await send(await claire(), { resolve });
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(result).toMatchObject({ ok: true, data: { outcome: "refused" } });
    expect(result.ok && result.message).toBe(
      "Appel refusé par la console : « retours.transports-exemple.fr » pointe vers 127.0.0.1 : adresse de bouclage (loopback) refusée. La douane n'appelle que des adresses publiques.",
    );
    expect(target.seen).toHaveLength(0);
  });
});

describe("refusals: nothing sent, nothing written", () => {
  async function expectNothingWritten() {
    expect(await db().callbackAttempt.count()).toBe(0);
    expect(await db().auditEvent.count({ where: { action: "CALLBACK_TEST_SENT" } })).toBe(0);
    expect(target.seen).toHaveLength(0);
  }

  it("trainers read only; a correspondent outside the SIRET does not see the account", async () => {
    await configure(`${target.origin}/ok`);
    expect(await send(await actor("formateur@demo.fr"))).toEqual({ ok: false, message: CALLBACK_MESSAGES.forbidden });
    expect(await send(await actor("autre@demo.fr"))).toEqual({ ok: false, message: CALLBACK_MESSAGES.notFound });
    await expectNothingWritten();
  });

  it("an API the account is not habilitated on, or an unknown one", async () => {
    await configure(`${target.origin}/ok`);
    expect(await send(await claire(), {}, "GAMMA2")).toEqual({
      ok: false,
      message: "Le compte « api-demo-1 » n'est pas habilité sur Gamma2 : la douane ne lui envoie pas d'appels retours pour cette API.",
    });
    expect(await send(await claire(), {}, "INCONNUE")).toEqual({ ok: false, message: CALLBACK_MESSAGES.unknownApi });
    await expectNothingWritten();
  });

  it("a url not yet effective: explained with the time it takes effect", async () => {
    await configure(`${target.origin}/ok`, { activate: false });
    const result = await send(await claire());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      new RegExp(
        `^Aucune url active pour DeltaH7 : la nouvelle adresse ${target.origin}/ok n'est pas encore effective ; elle le sera au plus tard le (?:1er|\\d{1,2}) \\S+ \\d{4} à \\d{2}:\\d{2} \\(heure de Paris\\)\\. L'appel retour de test sera possible à partir de ce moment\\.$`,
      ),
    );
    await expectNothingWritten();
  });

  it("no url at all, no token, a token an HTTP header cannot carry", async () => {
    const id = await demoId();
    await habilitate(db(), id, "DELTA_H7");
    expect(await send(await claire())).toEqual({
      ok: false,
      message: "Aucune url n'est renseignée pour DeltaH7 : le correspondant doit d'abord la saisir (« Modifier »), puis attendre qu'elle prenne effet.",
    });
    await configure(`${target.origin}/ok`, { token: "jeton avec espaces é" });
    expect(await send(await claire())).toEqual({ ok: false, message: CALLBACK_MESSAGES.tokenNotHeaderSafe("DeltaH7") });
    await db().apiFieldValue.deleteMany({ where: { apiAccountId: id, fieldKey: "token" } }); // a token lost (e.g. an import)
    expect(await send(await claire())).toEqual({ ok: false, message: CALLBACK_MESSAGES.noToken("DeltaH7") });
    await expectNothingWritten();
  });

  it(`allows ${MAX_SENDS_PER_MINUTE} sends per user per minute, then asks to wait (others are not affected)`, async () => {
    await configure(`${target.origin}/ok`);
    const c = await claire();
    const results = await Promise.all(Array.from({ length: MAX_SENDS_PER_MINUTE + 3 }, () => send(c)));
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_SENDS_PER_MINUTE);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.message).toMatch(/^Trop d'appels retours de test en peu de temps : patientez \d+ s avant de recommencer\.$/);
    expect(await db().callbackAttempt.count()).toBe(MAX_SENDS_PER_MINUTE);
    expect((await send(await agent())).ok).toBe(true);
    setClockOffsetMs(DH7_DELAY_MS + 60_000 + 61_000);
    expect((await send(c)).ok).toBe(true);
  });
});

describe("the demo receiver", () => {
  const receiverPost = (path: string, init: { token?: string | null; body?: string; headers?: Record<string, string>; method?: string; from?: string } = {}) =>
    handleDemoReceiver(
      new Request(`${simulator.origin}/recepteur-demo/${path}`, {
        method: init.method ?? "POST",
        headers: {
          ...fromAddress(init.from ?? "127.0.0.1"),
          "Content-Type": "application/json",
          ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
          ...init.headers,
        },
        ...(init.method === "GET" ? {} : { body: init.body ?? JSON.stringify({ typeMessage: "NOTIFICATION_ESSAI" }) }),
      }),
    );

  async function secondAccount(): Promise<string> {
    const created = await createApiAccount(await claire(), {
      identifiant: "api-demo-2",
      email: "api-demo-2@transports-exemple.fr",
      siret: "98765432400019",
      password: "Demo-Api-2026!y",
      passwordConfirmation: "Demo-Api-2026!y",
    });
    if (!created.ok) throw new Error(created.message);
    const id = (await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-2" } })).id;
    await habilitate(db(), id, "DELTA_H7");
    const saved = await saveApiData(await claire(), id, "DELTA_H7", { url: "https://retours.autre-exemple.fr/dh7", token: "Jeton-Du-Compte-2" });
    if (!saved.ok) throw new Error(saved.message);
    return id;
  }

  it("the whole loop: a test callback to the receiver's url is acknowledged, and shows in both histories", async () => {
    const id = await demoId();
    const url = demoReceiverUrl(id, "dh7");
    expect(url).toBe(`${simulator.origin}/recepteur-demo/${id}/dh7`);
    await configure(url);
    const c = await claire();
    const result = await send(c);
    expect(result).toMatchObject({ ok: true, data: { outcome: "success", status: 200 } });
    const attempt = await onlyAttempt();
    const ack = JSON.parse(attempt.responseSnippet!) as Record<string, unknown>;
    const received = await db().receivedCallback.findFirstOrThrow();
    const mrn = result.ok ? result.data.url.split("/").at(-2) : "";
    expect(ack).toMatchObject({ statut: "RECU", accuseReception: received.id, compteApi: "api-demo-1", api: "DELTA_H7", chemin: `/declarations/${mrn}/reponses` });
    expect(received).toMatchObject({ apiAccountId: id, apiCode: "DELTA_H7", tokenValid: true, path: `/recepteur-demo/${id}/dh7/declarations/${mrn}/reponses` });
    expect(JSON.parse(received.bodySnippet!)).toMatchObject({ mrn, essai: true });
    expect(JSON.stringify(received)).not.toContain(TOKEN);

    const view = await getCallbacksView(c, id);
    expect(view.attempts).toHaveLength(1);
    expect(view.received).toEqual([expect.objectContaining({ id: received.id, apiName: "DeltaH7", tokenValid: true })]);
    expect(view.targets).toEqual([expect.objectContaining({ apiCode: "DELTA_H7", activeUrl: url, tokenStored: true, demoReceiverUrl: url })]);
    // Scoped like the account: trainers read it, another SIRET's correspondent does not.
    expect((await getCallbacksView(await actor("formateur@demo.fr"), id)).canSend).toBe(false);
    await expect(getCallbacksView(await actor("autre@demo.fr"), id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a callback presenting another API's token is refused (401), and the sender shows why", async () => {
    const id = await demoId();
    await habilitate(db(), id, "GAMMA2");
    const gamma = await saveApiData(await claire(), id, "GAMMA2", { url: "https://gamma.transports-exemple.fr/v1", token: "Jeton-Gamma-Different" });
    expect(gamma.ok).toBe(true);
    await configure(demoReceiverUrl(id, "gamma2")); // DeltaH7's url points at Gamma2's receiver: DeltaH7's token is presented
    const result = await send(await claire());
    expect(result).toMatchObject({ ok: true, data: { outcome: "http_error", status: 401 } });
    expect(result.ok && result.message).toContain("le système appelé refuse le token");
    expect(await db().receivedCallback.count()).toBe(0); // a call without the right token is never stored
  });

  it("checks the Bearer token: good, wrong, missing, another account's (constant-time comparison)", async () => {
    const id = await configure("https://retours.transports-exemple.fr/dh7", { activate: false });
    const other = await secondAccount();

    const good = await receiverPost(`${id}/dh7/declarations/26FRABC/reponses`, { token: TOKEN });
    expect(good.status).toBe(200);
    expect(good.headers.get("cache-control")).toBe("no-store");
    expect(await good.json()).toMatchObject({ statut: "RECU", compteApi: "api-demo-1", chemin: "/declarations/26FRABC/reponses" });

    const wrong = await receiverPost(`${id}/dh7/x`, { token: "Jeton-Faux" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe(
      'Bearer realm="recepteur-demo", error="invalid_token", error_description="The token does not match the one registered for this account and API"',
    );
    expect(await wrong.json()).toEqual({ erreur: "invalid_token", message: "Le token présenté ne correspond pas au token enregistré pour ce compte et cette API." });

    const missing = await receiverPost(`${id}/dh7/x`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="recepteur-demo"');

    const basic = await receiverPost(`${id}/dh7/x`, { headers: { Authorization: `Basic ${Buffer.from(`a:${TOKEN}`).toString("base64")}` } });
    expect(basic.status).toBe(401);

    const crossed = await receiverPost(`${id}/dh7/x`, { token: "Jeton-Du-Compte-2" });
    expect(crossed.status).toBe(401);
    expect((await receiverPost(`${other}/dh7/x`, { token: "Jeton-Du-Compte-2" })).status).toBe(200);
    expect((await receiverPost(`${other}/dh7/x`, { token: TOKEN })).status).toBe(401);

    const rows = await db().receivedCallback.findMany({ where: { apiAccountId: id }, orderBy: { receivedAt: "asc" } });
    expect(rows.map((r) => r.tokenValid)).toEqual([true]); // the refused calls were not stored
    expect(JSON.stringify(await db().receivedCallback.findMany())).not.toMatch(/Jeton-Retour-Secret|Jeton-Du-Compte-2|Jeton-Faux/);

    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    expect(tokensMatch(TOKEN, `${TOKEN}x`)).toBe(false);
    expect(tokensMatch("", TOKEN)).toBe(false);
  });

  it("404 for an unknown account or API (nothing stored), 405 for anything but POST, 404 outside demo mode", async () => {
    const id = await configure("https://retours.transports-exemple.fr/dh7", { activate: false });
    for (const path of ["inconnu/dh7/x", `${id}/inconnue/x`, `${id}`, "", "../../etc/passwd", `${id}/DH7/x`]) {
      const response = await receiverPost(path, { token: TOKEN });
      expect(response.status, path).toBe(404);
      expect((await response.json()).message).toContain("Forme attendue : /recepteur-demo/<id du compte API>/<préfixe de l'API>/…");
    }
    expect(await db().receivedCallback.count()).toBe(0);
    const get = await receiverPost(`${id}/dh7/x`, { method: "GET", token: TOKEN });
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    delete process.env.DEMO_MODE;
    const off = await receiverPost(`${id}/dh7/x`, { token: TOKEN });
    expect(off.status).toBe(404);
    expect((await off.json()).erreur).toBe("recepteur_inactif");
    expect(await db().receivedCallback.count()).toBe(0);
  });

  it("413 over 64 kB (first 2 kB kept), 400 for a body that is not JSON, the token masked in what is kept", async () => {
    const id = await configure("https://retours.transports-exemple.fr/dh7", { activate: false });
    const big = await receiverPost(`${id}/dh7/x`, { token: TOKEN, body: JSON.stringify({ x: "a".repeat(RECEIVER_MAX_BODY_BYTES) }) });
    expect(big.status).toBe(413);
    const chunked = await handleDemoReceiver(
      new Request(`${simulator.origin}/recepteur-demo/${id}/dh7/x`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}` },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 70; i++) controller.enqueue(new Uint8Array(1024).fill(97));
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit),
    );
    expect(chunked.status).toBe(413);
    const notJson = await receiverPost(`${id}/dh7/x`, { token: TOKEN, body: "<xml/>" });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ erreur: "message_invalide", message: "Le corps de l'appel retour n'est pas un JSON valide." });
    const leaking = await receiverPost(`${id}/dh7/x`, { token: TOKEN, body: JSON.stringify({ copie: TOKEN }) });
    expect(leaking.status).toBe(200);
    const rows = await db().receivedCallback.findMany({ orderBy: { receivedAt: "asc" } });
    expect(rows).toHaveLength(4);
    expect(rows[1]!.bodySnippet).toHaveLength(2048);
    expect(rows[3]!.bodySnippet).toBe('{"copie":"[masqué]"}');
  });

  it("11 wrong tokens from one address: 401 each, nothing stored, then 429 for that address only — the real sender still gets through", async () => {
    const id = await configure(demoReceiverUrl(await demoId(), "dh7"));
    for (let i = 0; i < 10; i++) expect((await receiverPost(`${id}/dh7/x`, { token: `Faux-${i}`, from: "203.0.113.66" })).status).toBe(401);
    const blocked = await receiverPost(`${id}/dh7/x`, { token: `Faux-10`, from: "203.0.113.66" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(800);
    // The right token from that address is refused too (no oracle for the guesser)…
    expect((await receiverPost(`${id}/dh7/x`, { token: TOKEN, from: "203.0.113.66" })).status).toBe(429);
    expect(await db().receivedCallback.count()).toBe(0);
    // …but the console's own test callback, from its own address, is received.
    const result = await send(await claire());
    expect(result).toMatchObject({ ok: true, data: { outcome: "success", status: 200 } });
    expect(await db().receivedCallback.count()).toBe(1);
  });

  it(`keeps the last ${RECEIVER_KEEP_PER_ACCOUNT} calls per account`, async () => {
    const id = await configure("https://retours.transports-exemple.fr/dh7", { activate: false });
    for (let i = 0; i < RECEIVER_KEEP_PER_ACCOUNT + 5; i++) {
      expect((await receiverPost(`${id}/dh7/n/${i}`, { token: TOKEN })).status).toBe(200);
    }
    const rows = await db().receivedCallback.findMany({ orderBy: { receivedAt: "asc" } });
    expect(rows).toHaveLength(RECEIVER_KEEP_PER_ACCOUNT);
    expect(rows.some((r) => r.path.endsWith("/n/0"))).toBe(false);
    expect(rows.some((r) => r.path.endsWith(`/n/${RECEIVER_KEEP_PER_ACCOUNT + 4}`))).toBe(true);
  });
});
