import { describe, expect, it } from "vitest";
import { checkPassword, isPasswordAcceptable, passwordProblems } from "@/lib/accounts/password-rules";
import { changePasswordSchema, createAccountSchema } from "@/lib/accounts/schema";

describe("password rule (SPEC: ≥ 12 chars, upper, lower, digit, special)", () => {
  it("accepts Abcdefgh1234!", () => {
    expect(isPasswordAcceptable("Abcdefgh1234!")).toBe(true);
    expect(checkPassword("Abcdefgh1234!").every((c) => c.ok)).toBe(true);
  });

  it.each([
    ["abcdefgh1234!", "upper", "majuscule"],
    ["ABCDEFGH1234!", "lower", "minuscule"],
    ["Abcdefghijkl!", "digit", "chiffre"],
    ["Abcdefgh12345", "special", "caractère spécial"],
    ["Abcdefg123!", "length", "12 caractères"],
  ])("rejects %s (missing %s)", (value, rule, word) => {
    expect(isPasswordAcceptable(value)).toBe(false);
    const failed = checkPassword(value).filter((c) => !c.ok).map((c) => c.id);
    expect(failed).toEqual([rule]);
    expect(passwordProblems(value).join(" ")).toContain(word);
  });

  it("counts 11 characters as too short and 12 as enough", () => {
    expect(isPasswordAcceptable("Abcdefgh12!")).toBe(false);
    expect(isPasswordAcceptable("Abcdefgh123!")).toBe(true);
  });

  it("rejects control characters and absurd lengths", () => {
    expect(isPasswordAcceptable("Abcdefgh1234!\u0000")).toBe(false);
    expect(isPasswordAcceptable(`Abcdefgh1234!${"x".repeat(200)}`)).toBe(false);
  });

  it("is the rule the shared zod schemas apply", () => {
    const base = { identifiant: "api-test", email: "api@test.fr", siret: "12345678200010" };
    expect(createAccountSchema.safeParse({ ...base, password: "Abcdefgh1234!", passwordConfirmation: "Abcdefgh1234!" }).success).toBe(true);
    const weak = createAccountSchema.safeParse({ ...base, password: "abcdefgh", passwordConfirmation: "abcdefgh" });
    expect(weak.success).toBe(false);
    const messages = weak.error!.issues.filter((i) => i.path[0] === "password").map((i) => i.message);
    expect(messages).toHaveLength(4); // length, upper, digit, special
    const mismatch = createAccountSchema.safeParse({ ...base, password: "Abcdefgh1234!", passwordConfirmation: "Abcdefgh1234?" });
    expect(mismatch.error!.issues[0]!.path).toEqual(["passwordConfirmation"]);
  });

  it("requires the explicit synchronisation confirmation for a change", () => {
    const values = { password: "Abcdefgh1234!", passwordConfirmation: "Abcdefgh1234!" };
    expect(changePasswordSchema.safeParse({ ...values, confirmSynchronized: false }).success).toBe(false);
    expect(changePasswordSchema.safeParse({ ...values, confirmSynchronized: true }).success).toBe(true);
  });
});
