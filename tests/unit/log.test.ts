import { describe, expect, it } from "vitest";
import { redact, redactString } from "@/lib/log";

describe("log redaction", () => {
  it("masks secret keys at any depth", () => {
    expect(redact({ user: "a", password: "P@ss", nested: { access_token: "abc", Authorization: "Bearer x" } })).toEqual({
      user: "a",
      password: "[masqué]",
      nested: { access_token: "[masqué]", Authorization: "[masqué]" },
    });
  });

  it("masks secrets inside strings", () => {
    expect(redactString("grant_type=password&username=u&password=Secr%C3%A9t!&scope=openid")).toBe(
      "grant_type=password&username=u&password=[masqué]&scope=openid",
    );
    expect(redactString("Authorization: Bearer 0123abcd.ef")).toBe("Authorization: Bearer [masqué]");
    expect(redactString('{"access_token":"abc","token_type":"Bearer"}')).toBe('{"access_token":"[masqué]","token_type":"Bearer"}');
  });

  it("masks secrets in error messages", () => {
    const out = redact(new Error("fetch failed for password=abc")) as { message: string };
    expect(out.message).toBe("fetch failed for password=[masqué]");
  });
});
