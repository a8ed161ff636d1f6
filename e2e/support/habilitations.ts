import { callFixture } from "./fixtures";
import { expect, type Page } from "@playwright/test";

/** Grants APIs to api-demo-1 (and fills their data) through the real services, on the e2e database. */
export function runScenario(spec: { grant?: string[]; data?: Record<string, Record<string, string>>; activeUrl?: Record<string, string> }): void {
  callFixture("habilitations", spec);
}

export async function openDemoAccount(page: Page): Promise<void> {
  await page.goto("/comptes-api");
  await page.getByRole("link", { name: "api-demo-1", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Compte API api-demo-1" })).toBeVisible();
}

/** The "API habilitées" card of one API. */
export function apiCard(page: Page, apiName: string) {
  return page.getByRole("region", { name: apiName, exact: true });
}

/** The account's status block in the page header. */
export function accountStatus(page: Page) {
  return page.getByTestId("status").first();
}
