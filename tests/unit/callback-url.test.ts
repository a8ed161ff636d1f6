/** Finding 5: after sign-in, only a path of the console itself is followed. */
import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, safeCallbackPath } from "@/lib/auth/callback-url";

const ORIGIN = "http://127.0.0.1:3000";

describe("callback after sign-in", () => {
  it.each([
    "/\\127.0.0.1:4556/x",
    "/\t/127.0.0.1:4556/x",
    "/%09/127.0.0.1:4556/x".replace("%09", "\t"),
    "//127.0.0.1:4556/x",
    "\\\\evil.example/x",
    "https://evil.example/x",
    "http://127.0.0.1:4556/x",
    "javascript:alert(1)",
    "/login",
    "/api/auth/signout",
    "",
    "x".repeat(3000),
  ])("refuses %j", (raw) => {
    expect(safeCallbackPath(raw, ORIGIN)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it("keeps the console's own paths, query and fragment included", () => {
    expect(safeCallbackPath("/comptes-api/cm1?onglet=api#x", ORIGIN)).toBe("/comptes-api/cm1?onglet=api#x");
    expect(safeCallbackPath("http://127.0.0.1:3000/douane", ORIGIN)).toBe("/douane");
    expect(safeCallbackPath(undefined, ORIGIN)).toBe(DEFAULT_AFTER_SIGN_IN);
  });
});
