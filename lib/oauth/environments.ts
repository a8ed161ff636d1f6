/**
 * The customs environments (SPEC "Environments and OAuth 2.0 parameters") — the one module the
 * rest of the console reads them from. Each URL can be overridden by an environment variable.
 *  - Simulateur: this console's own OAuth 2.0 server and simulated APIs (issuer = its base URL);
 *  - Formation: tests, certification, training; - Production.
 */
export type EnvironmentId = "simulateur" | "formation" | "production";

export type CustomsEnvironment = {
  id: EnvironmentId;
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

export function environments(): Record<EnvironmentId, CustomsEnvironment> {
  const base = consoleBaseUrl();
  return {
    simulateur: {
      id: "simulateur",
      label: "Simulateur (cette console)",
      tokenUrl: process.env.SIMULATOR_TOKEN_URL || `${base}/oauth2/token`,
      apiBaseUrl: process.env.SIMULATOR_API_BASE_URL || base,
      issuer: base,
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
