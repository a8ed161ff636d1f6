import { afterEach, describe, expect, it } from "vitest";
import { customEnvironment, environment, selectableEnvironments, simulatorEndpoints } from "@/lib/oauth/environments";

const VARS = ["CONSOLE_BASE_URL", "NEXTAUTH_URL", "SIMULATOR_TOKEN_URL", "CUSTOM_TOKEN_URL", "CUSTOM_API_BASE_URL", "CUSTOM_LABEL", "FORMATION_TOKEN_URL"];
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
afterEach(() => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
});

describe("customs environments (SPEC: Environments and OAuth 2.0 parameters)", () => {
  it("has the guide's Formation and Production URLs by default", () => {
    delete process.env.FORMATION_TOKEN_URL;
    expect(environment("formation").tokenUrl).toBe("https://connexion-api-form.douane.gouv.fr/oauth2/token");
    expect(environment("formation").apiBaseUrl).toBe("https://api-form.douane.gouv.fr");
    expect(environment("production").tokenUrl).toBe("https://connexion-api.douane.gouv.fr/oauth2/token");
    expect(environment("production").apiBaseUrl).toBe("https://api.douane.gouv.fr");
  });

  it("lets an environment variable override a URL", () => {
    process.env.FORMATION_TOKEN_URL = "https://autre.example.fr/oauth2/token";
    expect(environment("formation").tokenUrl).toBe("https://autre.example.fr/oauth2/token");
  });

  it("puts the simulator under the console's base URL (the issuer), without a trailing slash", () => {
    delete process.env.CONSOLE_BASE_URL;
    delete process.env.SIMULATOR_TOKEN_URL;
    process.env.NEXTAUTH_URL = "http://127.0.0.1:4321/";
    expect(simulatorEndpoints()).toEqual({
      issuer: "http://127.0.0.1:4321",
      discoveryUrl: "http://127.0.0.1:4321/.well-known/openid-configuration",
      tokenEndpoint: "http://127.0.0.1:4321/oauth2/token",
      jwksUri: "http://127.0.0.1:4321/oauth2/jwks",
      exampleApiUrl: "http://127.0.0.1:4321/example/api",
    });
    expect(environment("simulateur")).toMatchObject({ tokenUrl: "http://127.0.0.1:4321/oauth2/token", apiBaseUrl: "http://127.0.0.1:4321", issuer: "http://127.0.0.1:4321" });
  });

  it("offers a custom environment only when one is configured or given", () => {
    delete process.env.CUSTOM_TOKEN_URL;
    expect(customEnvironment()).toBeNull();
    expect(selectableEnvironments().map((e) => e.id)).toEqual(["simulateur", "formation", "production"]);
    expect(customEnvironment({ tokenUrl: "https://idp.example.fr/realms/x/token" })).toEqual({
      id: "personnalise",
      label: "Personnalisé",
      tokenUrl: "https://idp.example.fr/realms/x/token",
      apiBaseUrl: "https://idp.example.fr",
      issuer: null,
    });
    process.env.CUSTOM_TOKEN_URL = "https://idp.example.fr/token";
    process.env.CUSTOM_API_BASE_URL = "https://api.example.fr/";
    process.env.CUSTOM_LABEL = "Recette interne";
    expect(selectableEnvironments().map((e) => e.id)).toEqual(["simulateur", "formation", "production", "personnalise"]);
    expect(customEnvironment()).toMatchObject({ label: "Recette interne", apiBaseUrl: "https://api.example.fr" });
  });
});
