/**
 * OpenID Connect Discovery 1.0 (§3 metadata, §4 /.well-known/openid-configuration) and the JWKS
 * (RFC 7517) of the simulator. The issuer is the host the request reached (lib/oauth/issuer.ts).
 */
import { ACR } from "./tokens";
import { SCOPE, consoleBaseUrl, simulatorEndpoints, type SimulatorEndpoints } from "./environments";
import { endpointsForRequest } from "./issuer";
import { jsonResponse } from "./http";
import { SIGNING_ALG, publishedKeys } from "./signing-keys";
import { log } from "../log";

const PUBLIC_METADATA_HEADERS = { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" };

export function openIdConfiguration(endpoints: SimulatorEndpoints = simulatorEndpoints()) {
  return {
    issuer: endpoints.issuer,
    token_endpoint: endpoints.tokenEndpoint,
    jwks_uri: endpoints.jwksUri,
    // No authorization endpoint: the customs guide uses the password grant only (plus refresh).
    grant_types_supported: ["password", "refresh_token"],
    response_types_supported: [] as string[],
    token_endpoint_auth_methods_supported: ["none"],
    scopes_supported: [SCOPE],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [SIGNING_ALG],
    claims_supported: ["iss", "sub", "aud", "azp", "exp", "iat", "auth_time", "acr", "at_hash"],
    acr_values_supported: [ACR],
    ui_locales_supported: ["fr-FR"],
    service_documentation: `${consoleBaseUrl()}/aide#simulateur`,
  };
}

/** The discovery document of the issuer the request reached (lib/oauth/issuer.ts). */
export function handleDiscovery(request: Request): Response {
  return jsonResponse(200, openIdConfiguration(endpointsForRequest(request)), PUBLIC_METADATA_HEADERS);
}

export async function handleJwks(): Promise<Response> {
  try {
    return jsonResponse(200, { keys: await publishedKeys() }, PUBLIC_METADATA_HEADERS);
  } catch (error) {
    log.error("jwks_error", { error: error instanceof Error ? error.message : "inconnue" });
    return jsonResponse(500, { error: "server_error", error_description: "JWKS indisponible." }, { "Cache-Control": "no-store" });
  }
}
