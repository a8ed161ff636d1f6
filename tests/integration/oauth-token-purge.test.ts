/** Long-expired OAuth tokens are purged by password grants, at most once every 10 minutes of the console's clock. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freezeClock } from "@/lib/clock";
import { handleTokenRequest, resetTokenRateLimits } from "@/lib/oauth/token-endpoint";
import { consoleBaseUrl } from "@/lib/oauth/environments";
import { withTestDatabase, resetToDemo } from "../support/test-db";

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
// Far from the instants other test files use, so the purge's "last run" of this process never masks it.
const T0 = new Date("2031-06-01T08:00:00.000Z");

withTestDatabase();
beforeEach(async () => {
  await resetToDemo();
  await resetTokenRateLimits();
});
afterEach(() => freezeClock(null));

async function passwordGrant(): Promise<void> {
  const response = await handleTokenRequest(
    new Request(`${consoleBaseUrl()}/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "password", client_id: "gun-api", scope: "openid", username: "api-demo-1", password: "Demo-Api-2026!x" }).toString(),
    }),
  );
  expect(response.status).toBe(200);
}

async function tokenExpiredAt(tokenHash: string, expiresAt: Date): Promise<void> {
  const account = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
  await db().oAuthToken.create({
    data: { tokenHash, kind: "ACCESS", apiAccountId: account.id, issuedAt: expiresAt, expiresAt, authTime: expiresAt },
  });
}

async function exists(tokenHash: string): Promise<boolean> {
  return (await db().oAuthToken.count({ where: { tokenHash } })) === 1;
}

describe("purge of long-expired tokens", () => {
  it("deletes tokens expired for more than 24 h, keeps the others, and runs at most every 10 minutes", async () => {
    freezeClock(T0);
    await tokenExpiredAt("old", new Date(T0.getTime() - DAY - MIN));
    await tokenExpiredAt("recent", new Date(T0.getTime() - DAY + MIN));
    await passwordGrant();
    expect(await exists("old")).toBe(false);
    expect(await exists("recent")).toBe(true);
    // 9 minutes later: too soon for another purge.
    freezeClock(new Date(T0.getTime() + 9 * MIN));
    await tokenExpiredAt("old-2", new Date(T0.getTime() - 2 * DAY));
    await passwordGrant();
    expect(await exists("old-2")).toBe(true);
    // 10 minutes after the first: purged, and "recent" is now more than 24 h past its expiry too.
    freezeClock(new Date(T0.getTime() + 10 * MIN));
    await passwordGrant();
    expect(await exists("old-2")).toBe(false);
    expect(await exists("recent")).toBe(false);
    expect(await db().oAuthToken.count({ where: { expiresAt: { gt: T0 } } })).toBe(6);
  });
});
