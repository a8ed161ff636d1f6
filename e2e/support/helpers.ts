import { execFileSync } from "node:child_process";
import { expect, type Page } from "@playwright/test";
import { callFixture } from "./fixtures";

export const DEMO_PASSWORD = "Demo-Console-2026!";
export const CORRESPONDENT = "correspondant@demo.fr";
export const OTHER_CORRESPONDENT = "autre@demo.fr";
export const AGENT = "agent@douane.demo";
export const TRAINER = "formateur@demo.fr";

/** Puts the e2e database back to the demo data (the server keeps running), as scripts/reset-db.ts does — through the fixture service. */
export function resetDatabase(): void {
  callFixture("reset");
}

/** Loads a trainer's scenario on the e2e database, as `npm run db:scenario -- <id>` does — through the fixture service. */
export function loadScenario(id: string): void {
  callFixture("scenario", { id });
}

/** Loads a trainer's scenario on the e2e database from the command line itself (`npm run db:scenario`). */
export function loadScenarioFromCli(id: string): void {
  execFileSync("bash", ["-c", `source scripts/e2e-env.sh && npx tsx scripts/load-scenario.ts ${id}`], { stdio: "ignore" });
}

/** Signs in, waits for the role's landing page, then opens the list of API accounts (where most journeys start). */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await signInOnly(page, email, password);
  await page.goto("/comptes-api");
  await expect(page.getByRole("heading", { name: "Liste des comptes API" })).toBeVisible();
}

/** Signs in and stays on the landing page of the role (the agent's queue, the trainer's FORMATION…). */
export async function signInOnly(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email du compte douane.gouv").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole("navigation", { name: "Menu principal" })).toBeVisible();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** The demo clock lives in the server process: as the trainer, put it back to real time if it is not. */
export async function backToRealTime(page: Page): Promise<void> {
  await page.context().clearCookies();
  await login(page, TRAINER);
  await page.goto("/formation");
  const reset = page.getByRole("button", { name: "Revenir à l'heure réelle" });
  if (await reset.isEnabled()) {
    await reset.click();
    await expect(page.getByText("La console est revenue à l'heure réelle.")).toBeVisible();
  }
  await logout(page);
}
