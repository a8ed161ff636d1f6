/**
 * The customs environments (SPEC "Environments and OAuth 2.0 parameters") — the one module the
 * rest of the console reads them from. Each URL can be overridden by an environment variable.
 *  - Simulateur: this console's own OAuth 2.0 server and simulated APIs (issuer = its base URL);
 *  - Formation: tests, certification, training; - Production;
 *  - Personnalisé: any other OAuth 2.0 server (CUSTOM_TOKEN_URL, CUSTOM_API_BASE_URL, CUSTOM_ISSUER,
 *    CUSTOM_LABEL), or a URL typed by the user (customEnvironment(url)).
 */
export type EnvironmentId = "simulateur" | "formation" | "production";
export const CUSTOM_ENVIRONMENT_ID = "personnalise";

export type CustomsEnvironment = {
  id: EnvironmentId | typeof CUSTOM_ENVIRONMENT_ID;
  label: string;
  tokenUrl: string;
  apiBaseUrl: string;
  /** Where discovery (/.well-known/openid-configuration) may be found, when known. */
  issuer: string | null;
};

export const CLIENT_ID = "gun-api";
export const SCOPE = "openid";

/** This console's public base URL (the simulator's issuer). */
export function consoleBaseUrl(): string {
  return (process.env.CONSOLE_BASE_URL || process.env.NEXTAUTH_URL || "http://127.0.0.1:3000").replace(/\/+$/, "");
}

/**
 * The customs service's hosts (customs-service.ts: token host and API host, over TLS), when the
 * deployment runs it — CUSTOMS_TOKEN_BASE_URL and CUSTOMS_API_BASE_URL, set by `npm run console`.
 * Without them, the portal's own routes are the customs side (issuer = the portal's base URL).
 */
export function customsBaseUrls(): { token: string; api: string } {
  const portal = consoleBaseUrl();
  const trim = (url: string | undefined) => (url ? url.replace(/\/+$/, "") : "");
  return { token: trim(process.env.CUSTOMS_TOKEN_BASE_URL) || portal, api: trim(process.env.CUSTOMS_API_BASE_URL) || portal };
}

export type SimulatorEndpoints = { issuer: string; discoveryUrl: string; tokenEndpoint: string; jwksUri: string; exampleApiUrl: string };

/** The simulator's endpoints under one issuer: discovery, token and JWKS under it; the example API on the API host. */
export function simulatorEndpointsAt(issuer: string): SimulatorEndpoints {
  const hosts = customsBaseUrls();
  const onTokenHost = issuer === hosts.token;
  return {
    issuer,
    discoveryUrl: `${issuer}/.well-known/openid-configuration`,
    tokenEndpoint: (onTokenHost && process.env.SIMULATOR_TOKEN_URL) || `${issuer}/oauth2/token`,
    jwksUri: `${issuer}/oauth2/jwks`,
    exampleApiUrl: `${onTokenHost ? hosts.api : issuer}/example/api`,
  };
}

/** The simulator's public endpoints: the customs service's hosts when configured, else the portal's (the tester, the CLI, the Aide). */
export function simulatorEndpoints(): SimulatorEndpoints {
  return simulatorEndpointsAt(customsBaseUrls().token);
}

export function environments(): Record<EnvironmentId, CustomsEnvironment> {
  const simulator = simulatorEndpoints();
  return {
    simulateur: {
      id: "simulateur",
      label: "Simulateur (cette console)",
      tokenUrl: simulator.tokenEndpoint,
      apiBaseUrl: process.env.SIMULATOR_API_BASE_URL || customsBaseUrls().api,
      issuer: simulator.issuer,
    },
    formation: {
      id: "formation",
      label: "Formation",
      tokenUrl: process.env.FORMATION_TOKEN_URL || "https://connexion-api-form.douane.gouv.fr/oauth2/token",
      apiBaseUrl: process.env.FORMATION_API_BASE_URL || "https://api-form.douane.gouv.fr",
      issuer: process.env.FORMATION_ISSUER || null,
    },
    production: {
      id: "production",
      label: "Production",
      tokenUrl: process.env.PRODUCTION_TOKEN_URL || "https://connexion-api.douane.gouv.fr/oauth2/token",
      apiBaseUrl: process.env.PRODUCTION_API_BASE_URL || "https://api.douane.gouv.fr",
      issuer: process.env.PRODUCTION_ISSUER || null,
    },
  };
}

export function environment(id: EnvironmentId): CustomsEnvironment {
  return environments()[id];
}

export function isEnvironmentId(value: unknown): value is EnvironmentId {
  return value === "simulateur" || value === "formation" || value === "production";
}

/**
 * A custom environment: from the given URLs, else from CUSTOM_TOKEN_URL / CUSTOM_API_BASE_URL /
 * CUSTOM_ISSUER / CUSTOM_LABEL; null when no token URL is known. The API base defaults to the token
 * URL's origin. Callers still check the URL against lib/net/outbound.ts before calling it.
 */
export function customEnvironment(urls: { tokenUrl?: string; apiBaseUrl?: string; issuer?: string } = {}): CustomsEnvironment | null {
  const tokenUrl = urls.tokenUrl || process.env.CUSTOM_TOKEN_URL || "";
  if (!tokenUrl) return null;
  let origin = "";
  try {
    origin = new URL(tokenUrl).origin;
  } catch {
    origin = "";
  }
  return {
    id: CUSTOM_ENVIRONMENT_ID,
    label: process.env.CUSTOM_LABEL || "Personnalisé",
    tokenUrl,
    apiBaseUrl: (urls.apiBaseUrl || process.env.CUSTOM_API_BASE_URL || origin).replace(/\/+$/, ""),
    issuer: urls.issuer || process.env.CUSTOM_ISSUER || null,
  };
}

/** Every environment a user may pick: the three of the guide, plus the configured custom one. */
export function selectableEnvironments(): CustomsEnvironment[] {
  const custom = customEnvironment();
  return [...Object.values(environments()), ...(custom ? [custom] : [])];
}

/** The simulated API base of one catalogue API in an environment, e.g. https://api.douane.gouv.fr/dh7. */
export function apiUrl(env: CustomsEnvironment, pathPrefix: string): string {
  return `${env.apiBaseUrl}/${pathPrefix}`;
}
