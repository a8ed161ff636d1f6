/**
 * The customs side as its own lean service (no Next.js routing): which handler of `lib/oauth`
 * answers a request on each host. The same handlers serve the portal's own routes (app/oauth2,
 * app/.well-known, app/example, app/dh7…), so both answer alike.
 *  - token host (like connexion-api-form.douane.gouv.fr): /oauth2/token, /oauth2/jwks, discovery;
 *  - API host (like api-form.douane.gouv.fr): /example/api and the catalogue APIs /dh7, /gamma2, /deltaie, /pnts.
 */
import { handleTokenRequest, tokenEndpointWrongMethod } from "../oauth/token-endpoint";
import { handleDiscovery, handleJwks } from "../oauth/discovery";
import { handleExampleApi, simulatedApiHandler, SIMULATED_APIS } from "../oauth/resource";
import { jsonResponse, NO_STORE_HEADERS } from "../oauth/http";

export type CustomsHost = "token" | "api";

export type Handler = (request: Request) => Response | Promise<Response>;

const notFound: Handler = () =>
  jsonResponse(404, { error: "not_found", error_description: "Ressource inconnue sur cet hôte." }, NO_STORE_HEADERS);

const methodNotAllowed =
  (allow: string): Handler =>
  () =>
    jsonResponse(405, { error: "invalid_request", error_description: `Méthode non autorisée : ${allow}.` }, { ...NO_STORE_HEADERS, Allow: allow });

const API_HANDLERS = new Map<string, Handler>(SIMULATED_APIS.map((api) => [api.pathPrefix, simulatedApiHandler(api.pathPrefix)]));

/** The handler for a method and a decoded path on a host (pure: no I/O until called). */
export function routeFor(host: CustomsHost, method: string, path: string): Handler {
  if (host === "token") {
    if (path === "/oauth2/token") return method === "POST" ? handleTokenRequest : () => tokenEndpointWrongMethod();
    if (path === "/oauth2/jwks") return method === "GET" || method === "HEAD" ? () => handleJwks() : methodNotAllowed("GET");
    if (path === "/.well-known/openid-configuration") return method === "GET" || method === "HEAD" ? handleDiscovery : methodNotAllowed("GET");
    return notFound;
  }
  if (path === "/example/api") return method === "GET" ? handleExampleApi : methodNotAllowed("GET");
  const prefix = /^\/([a-z0-9]+)(?:\/|$)/.exec(path)?.[1];
  return (prefix && API_HANDLERS.get(prefix)) || notFound;
}
