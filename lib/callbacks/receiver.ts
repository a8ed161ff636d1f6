/**
 * The built-in demo receiver: plays the operator's system so the whole callback loop runs on one
 * machine. URL scheme (an API's url to enter on the account page):
 *
 *     <console>/recepteur-demo/<API account id>/<API path prefix>      e.g. …/recepteur-demo/cm…/dh7
 *
 * and customs' callbacks arrive below it (…/dh7/declarations/<MRN>/reponses). The account's id
 * rather than its identifiant: an anonymous endpoint must not tell which identifiants exist.
 * Only in demo mode (DEMO_MODE=1, as the README's run command and the e2e server set it).
 *  - POST only (405 otherwise); unknown account or API → 404 (nothing stored);
 *  - the Bearer token is compared in constant time with the one stored (encrypted) for that
 *    account and API: missing → 401 `WWW-Authenticate: Bearer realm="…"`, wrong → 401
 *    `error="invalid_token"` — and such a call is never stored (an anonymous caller cannot fill the
 *    account's page); 10 wrong tokens for one account and API from one client address in 15 min →
 *    429 for that address only (counted in the database, lib/rate-limit/store.ts), so a stranger's
 *    wrong guesses never block the console's own test callbacks;
 *  - a body over 64 kB → 413; not JSON → 400; otherwise 200 with a JSON acknowledgement;
 *  - every call with the right token is stored (ReceivedCallback: time, path, first 2 kB of the
 *    body — never the token), the last 100 per account kept.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "../db";
import { now, nowMs } from "../clock";
import { decryptSecret } from "../crypto/secrets";
import { demoModeEnabled } from "../demo-clock/service";
import { consoleBaseUrl } from "../oauth/environments";
import { bearerChallenge } from "../oauth/bearer";
import { jsonResponse, NO_STORE_HEADERS } from "../oauth/http";
import { clientAddressOf } from "../net/client-address";
import { countFailure, readBuckets } from "../rate-limit/store";
import { blockLeftMs } from "../rate-limit/rules";
import { SNIPPET_BYTES, maskSecret } from "./deliver";

import { RECEIVER_BAD_TOKEN_LIMIT, RECEIVER_KEEP_PER_ACCOUNT, RECEIVER_MAX_BODY_BYTES, RECEIVER_PREFIX, RECEIVER_REALM } from "./limits";
import { log } from "../log";

export { RECEIVER_KEEP_PER_ACCOUNT, RECEIVER_MAX_BODY_BYTES, RECEIVER_PREFIX, RECEIVER_REALM };
const MAX_PATH_LENGTH = 500;

/** The limiter key of wrong tokens: one account and API, from one client address. */
function limiterKey(accountId: string, apiCode: string, address: string): string {
  return `receiver:${accountId}/${apiCode}|${address}`;
}

export function demoReceiverEnabled(): boolean {
  return demoModeEnabled();
}

/**
 * Is this the console's own demo receiver (demo mode, same origin as the console, below
 * /recepteur-demo/ once dot segments are resolved)? The outbound policy lets test callbacks reach
 * it on loopback without OUTBOUND_ALLOW_LOOPBACK — and nothing else of the machine.
 */
export function isOwnDemoReceiver(raw: string): boolean {
  if (!demoReceiverEnabled()) return false;
  try {
    const url = new URL(raw);
    return url.origin === new URL(consoleBaseUrl()).origin && url.pathname.startsWith(`${RECEIVER_PREFIX}/`) && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** The url to enter for an API of an account so that customs' callbacks reach the demo receiver. */
export function demoReceiverUrl(accountId: string, pathPrefix: string): string {
  return `${consoleBaseUrl()}${RECEIVER_PREFIX}/${encodeURIComponent(accountId)}/${encodeURIComponent(pathPrefix)}`;
}

function answer(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, body, { ...NO_STORE_HEADERS, ...headers });
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Constant-time comparison (both sides hashed first, so their lengths do not leak either). */
export function tokensMatch(presented: string, stored: string): boolean {
  return timingSafeEqual(digest(presented), digest(stored));
}

/** The credentials after "Bearer " (any visible characters: the operator chose the token), or null. */
function presentedToken(header: string | null): string | null {
  if (!header) return null;
  const match = /^\s*bearer\s+(.+?)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/** Reads at most `limit` + 1 bytes: `over` tells whether the body is larger than `limit`. */
async function readLimited(request: Request, limit: number): Promise<{ bytes: Buffer; over: boolean }> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) return { bytes: Buffer.alloc(0), over: true };
  if (!request.body) return { bytes: Buffer.alloc(0), over: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { bytes: Buffer.concat(chunks).subarray(0, limit), over: true };
    }
  }
  return { bytes: Buffer.concat(chunks), over: false };
}

export async function handleDemoReceiver(request: Request): Promise<Response> {
  try {
    return await receive(request);
  } catch (error) {
    log.error("demo_receiver_error", { error: error instanceof Error ? error.name : "inconnue" });
    return answer(500, { erreur: "erreur_interne", message: "Erreur interne du récepteur de démonstration." });
  }
}

async function receive(request: Request): Promise<Response> {
  if (!demoReceiverEnabled()) {
    return answer(404, { erreur: "recepteur_inactif", message: "Le récepteur de démonstration n'est actif qu'en mode démonstration (DEMO_MODE=1)." });
  }
  const url = new URL(request.url);
  const rest = url.pathname.startsWith(`${RECEIVER_PREFIX}/`) ? url.pathname.slice(RECEIVER_PREFIX.length + 1) : "";
  const [accountId = "", pathPrefix = "", ...tail] = rest.split("/");
  if (request.method !== "POST") {
    return answer(
      405,
      { erreur: "methode_non_autorisee", message: "Le récepteur de démonstration reçoit les appels retours de la douane en POST." },
      { Allow: "POST" },
    );
  }
  const unknown = () =>
    answer(404, {
      erreur: "inconnu",
      message: `Aucun compte API ni aucune API ne correspond à cette adresse. Forme attendue : ${RECEIVER_PREFIX}/<id du compte API>/<préfixe de l'API>/…`,
    });
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(accountId) || !/^[a-z0-9-]{1,40}$/.test(pathPrefix)) return unknown();
  const account = await db().apiAccount.findUnique({ where: { id: accountId }, select: { id: true, identifiant: true } });
  const api = account ? await db().api.findUnique({ where: { pathPrefix }, select: { id: true, code: true, name: true } }) : null;
  if (!account || !api) return unknown();

  const key = limiterKey(account.id, api.code, clientAddressOf(request.headers));
  const blockedMs = blockLeftMs((await readBuckets([key])).get(key), RECEIVER_BAD_TOKEN_LIMIT, nowMs());
  if (blockedMs > 0) {
    const retryAfter = Math.max(1, Math.ceil(blockedMs / 1000));
    return answer(
      429,
      { erreur: "trop_de_tentatives", message: `Trop de tokens invalides pour ce compte et cette API : réessayez dans ${retryAfter} s.` },
      { "Retry-After": String(retryAfter) },
    );
  }

  const row = await db().apiFieldValue.findUnique({
    where: { apiAccountId_apiId_fieldKey: { apiAccountId: account.id, apiId: api.id, fieldKey: "token" } },
    select: { secretCipher: true },
  });
  let stored: string | null = null;
  if (row?.secretCipher) {
    try {
      stored = decryptSecret(row.secretCipher);
    } catch {
      stored = null;
    }
  }
  const presented = presentedToken(request.headers.get("authorization"));
  // Compared even without a stored token, so the answer takes the same time either way.
  const tokenValid = presented !== null && tokensMatch(presented, stored ?? "") && stored !== null;

  if (!tokenValid) {
    await countFailure(key, RECEIVER_BAD_TOKEN_LIMIT, nowMs());
    await request.body?.cancel().catch(() => undefined);
    if (presented === null) {
      return answer(
        401,
        { erreur: "authentification_requise", message: "Appel sans token : la douane présente « Authorization: Bearer <token> »." },
        { "WWW-Authenticate": bearerChallenge({ realm: RECEIVER_REALM }) },
      );
    }
    const description = stored === null ? "Aucun token n'est enregistré pour ce compte et cette API." : "Le token présenté ne correspond pas au token enregistré pour ce compte et cette API.";
    return answer(
      401,
      { erreur: "invalid_token", message: description },
      { "WWW-Authenticate": bearerChallenge({ realm: RECEIVER_REALM, error: "invalid_token", errorDescription: "The token does not match the one registered for this account and API" }) },
    );
  }

  const body = await readLimited(request, RECEIVER_MAX_BODY_BYTES);
  const text = body.bytes.subarray(0, SNIPPET_BYTES).toString("utf8");
  const snippet = maskSecret(maskSecret(text, stored!), presented!);
  const path = `${url.pathname}${url.search}`.slice(0, MAX_PATH_LENGTH);
  const receivedAt = now();
  const received = await db().$transaction(async (tx) => {
    const created = await tx.receivedCallback.create({
      data: { apiAccountId: account.id, apiCode: api.code, path, receivedAt, tokenValid: true, bodySnippet: snippet || null },
      select: { id: true },
    });
    const old = await tx.receivedCallback.findMany({
      where: { apiAccountId: account.id },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      skip: RECEIVER_KEEP_PER_ACCOUNT,
      select: { id: true },
    });
    if (old.length > 0) await tx.receivedCallback.deleteMany({ where: { id: { in: old.map((o) => o.id) } } });
    return created;
  });

  if (body.over) {
    return answer(413, { erreur: "message_trop_volumineux", message: `Message refusé : plus de ${RECEIVER_MAX_BODY_BYTES / 1024} ko.` });
  }
  try {
    JSON.parse(body.bytes.toString("utf8"));
  } catch {
    return answer(400, { erreur: "message_invalide", message: "Le corps de l'appel retour n'est pas un JSON valide." });
  }
  return answer(200, {
    statut: "RECU",
    message: `Appel retour reçu par le récepteur de démonstration (${api.name}) : token valide.`,
    accuseReception: received.id,
    compteApi: account.identifiant,
    api: api.code,
    chemin: `/${tail.join("/")}`,
    recuLe: receivedAt.toISOString(),
  });
}
