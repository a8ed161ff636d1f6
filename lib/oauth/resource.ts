/**
 * The simulated customs APIs (resource server side of RFC 6750): GET /example/api (any valid
 * token) and /<pathPrefix>/... for each catalogue API (the Api table: dh7, gamma2, deltaie, pnts).
 *  - no Bearer credentials (no header, or another scheme) → 401 + `WWW-Authenticate: Bearer realm="…"` (§3.1: no error code);
 *  - a malformed Bearer header → 400 + `error="invalid_request"`;
 *  - an unknown, expired or revoked token → 401 + `error="invalid_token", error_description="…"`;
 *  - a valid token of an account without an active habilitation on that API → 403 + `error="insufficient_scope"`;
 *  - otherwise 200 with a small JSON body.
 * Expiry reads lib/clock.ts (through checkAccessToken). A valid token and its account's active
 * habilitations come from checkAccessToken's in-process cache, dropped at any database write.
 */
import { db } from "../db";
import { now } from "../clock";
import { bearerChallenge, parseBearerAuthorization, type BearerError } from "./bearer";
import { jsonResponse, NO_STORE_HEADERS } from "./http";
import { checkAccessToken } from "./tokens";
import { log } from "../log";
import { receiveDeclaration, receiveInvalidation } from "../dh7/service";

export const API_REALM = "api-douane-simulateur";

/** The simulated APIs served by this console (one static route folder each: app/<pathPrefix>/). */
export const SIMULATED_APIS = [
  { pathPrefix: "dh7", name: "DeltaH7" },
  { pathPrefix: "gamma2", name: "Gamma2" },
  { pathPrefix: "deltaie", name: "DeltaIE" },
  { pathPrefix: "pnts", name: "PNTS" },
] as const;

const TOKEN_PROBLEM = {
  unknown: { header: "The access token is unknown", body: "Jeton d'accès inconnu." },
  expired: { header: "The access token expired", body: "Jeton d'accès expiré (durée de vie 300 s) : demandez-en un nouveau." },
  revoked: { header: "The access token was revoked", body: "Jeton d'accès révoqué (mot de passe du compte changé ?) : demandez-en un nouveau." },
} as const;

function challenge(status: number, error: BearerError | undefined, header: string, body: string): Response {
  return jsonResponse(status, error ? { error, error_description: body } : { error_description: body }, {
    ...NO_STORE_HEADERS,
    "WWW-Authenticate": bearerChallenge({ realm: API_REALM, error, errorDescription: header }),
  });
}

type Authenticated =
  | { ok: true; account: { id: string; identifiant: string }; grants: ReadonlyMap<string, { code: string; name: string }> }
  | { ok: false; response: Response };

async function authenticate(request: Request): Promise<Authenticated> {
  const credentials = parseBearerAuthorization(request.headers.get("authorization"));
  if (credentials.kind === "none") {
    return {
      ok: false,
      response: challenge(
        401,
        undefined,
        "",
        "Authentification requise : envoyez « Authorization: Bearer <access_token> » (jeton obtenu sur /oauth2/token).",
      ),
    };
  }
  if (credentials.kind === "malformed") {
    return { ok: false, response: challenge(400, "invalid_request", credentials.reason, "En-tête Authorization mal formé : « Bearer <access_token> ».") };
  }
  const check = await checkAccessToken(credentials.token, now());
  if (!check.ok) {
    const problem = TOKEN_PROBLEM[check.reason];
    return { ok: false, response: challenge(401, "invalid_token", problem.header, problem.body) };
  }
  return { ok: true, account: check.account, grants: check.grants };
}

function served(request: Request, account: { identifiant: string }, api: { code: string; name: string } | null, message: string): Response {
  const url = new URL(request.url);
  return jsonResponse(
    200,
    {
      message,
      api: api ? { code: api.code, name: api.name } : null,
      account: account.identifiant,
      method: request.method,
      path: url.pathname,
      receivedAt: now().toISOString(),
    },
    { ...NO_STORE_HEADERS },
  );
}

async function guarded(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    log.error("simulated_api_error", { error: error instanceof Error ? error.message : "inconnue" });
    return jsonResponse(500, { error: "server_error", error_description: "Erreur interne de l'API simulée." }, { ...NO_STORE_HEADERS });
  }
}

/** GET /example/api: any valid token. */
export function handleExampleApi(request: Request): Promise<Response> {
  return guarded(async () => {
    const auth = await authenticate(request);
    if (!auth.ok) return auth.response;
    return served(request, auth.account, null, "Jeton valide : l'API d'exemple du simulateur vous répond.");
  });
}

/** /<pathPrefix>/...: a valid token of an account habilitated on that API. */
export function handleSimulatedApi(request: Request, pathPrefix: string): Promise<Response> {
  return guarded(async () => {
    const auth = await authenticate(request);
    if (!auth.ok) return auth.response;
    const granted = auth.grants.get(pathPrefix);
    if (granted && pathPrefix === "dh7" && request.method === "POST") {
      // The DeltaH7 exchange: acknowledged now, answered by callback (lib/dh7/).
      const path = new URL(request.url).pathname;
      if (path === "/dh7/declarations/creer") return receiveDeclaration(auth.account, request);
      if (path === "/dh7/demandes/invalider") return receiveInvalidation(auth.account, request);
    }
    if (granted) return served(request, auth.account, granted, `Appel accepté par l'API simulée ${granted.name}.`);
    const api = await db().api.findUnique({ where: { pathPrefix }, select: { name: true } });
    if (!api) {
      return jsonResponse(404, { error: "not_found", error_description: `Aucune API du catalogue ne correspond à /${pathPrefix}.` }, { ...NO_STORE_HEADERS });
    }
    return challenge(
      403,
      "insufficient_scope",
      `The account is not habilitated on ${api.name}`,
      `Le compte API « ${auth.account.identifiant} » n'est pas habilité sur l'API ${api.name} : demandez l'habilitation depuis la console.`,
    );
  });
}

/** The route exports of one simulated API folder (app/<pathPrefix>/[[...path]]/route.ts). */
export function simulatedApiHandler(pathPrefix: string): (request: Request) => Promise<Response> {
  return (request) => handleSimulatedApi(request, pathPrefix);
}
