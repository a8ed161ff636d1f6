/** Helpers of the OAuth conformance suite: plain fetch calls, as any stock OAuth 2.0 client makes. */
import { execFileSync } from "node:child_process";
import { expect } from "@playwright/test";
import { fetchFrom, freshLoopback } from "./http";
import { callFixture } from "./fixtures";

export const DEMO_API = { username: "api-demo-1", password: "Demo-Api-2026!x" };
export const FORM = "application/x-www-form-urlencoded";

/** Runs one of e2e/support/oauth-fixtures.ts against the e2e database (through the fixture service); returns its JSON result. */
export function oauthFixture<T = unknown>(command: string, args: Record<string, unknown> = {}): T {
  return callFixture<T>(`oauth/${command}`, args);
}

/** The signing key rotation command, exactly as an administrator runs it. */
export function rotateKey(): string {
  return execFileSync("bash", ["-c", "source scripts/e2e-env.sh && npm run --silent oauth:rotate-key"], { encoding: "utf8" });
}

/** A fresh client address (a loopback source address) so rate-limit counters of different tests never mix. */
export const freshAddress = freshLoopback;

export type TokenSet = { access_token: string; expires_in: number; token_type: string; refresh_token: string; id_token: string };

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export function passwordFields(username = DEMO_API.username, password = DEMO_API.password): Record<string, string> {
  return { grant_type: "password", client_id: "gun-api", scope: "openid", username, password };
}

export async function postToken(baseURL: string, body: string, headers: Record<string, string> = {}, from = freshAddress()): Promise<Response> {
  return fetchFrom(from, `${baseURL}/oauth2/token`, { method: "POST", headers: { Accept: "application/json", "Content-Type": FORM, ...headers }, body });
}

export async function obtainTokens(baseURL: string, username = DEMO_API.username, password = DEMO_API.password): Promise<TokenSet> {
  const response = await postToken(baseURL, form(passwordFields(username, password)));
  expect(response.status).toBe(200);
  return (await response.json()) as TokenSet;
}

export function callApi(baseURL: string, path: string, accessToken?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (accessToken !== undefined) headers.set("Authorization", `Bearer ${accessToken}`);
  return fetch(`${baseURL}${path}`, { ...init, headers, redirect: "manual" });
}

/** RFC 6749 §5.1 / §5.2: JSON, never cached. */
export function expectNoStoreJson(response: Response): void {
  expect(response.headers.get("content-type")).toMatch(/^application\/json(;\s*charset=utf-8)?$/i);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("pragma")).toBe("no-cache");
}

/** §5.2: an error body is a JSON object with exactly `error` (a code) and `error_description` (a string). */
export async function expectOAuthError(response: Response, status: number, error: string): Promise<{ error: string; error_description: string }> {
  expect(response.status).toBe(status);
  expectNoStoreJson(response);
  const body = (await response.json()) as { error: string; error_description: string };
  expect(Object.keys(body).sort()).toEqual(["error", "error_description"]);
  expect(body.error).toBe(error);
  expect(typeof body.error_description).toBe("string");
  expect(body.error_description.length).toBeGreaterThan(10);
  return body;
}
