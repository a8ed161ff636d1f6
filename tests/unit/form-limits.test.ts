/**
 * Finding 11: no silent drop, no wrong message. Every limit of a form is refused with its own
 * French message; a url carrying control characters (CR/LF: header injection, log forging) is refused.
 */
import { describe, expect, it } from "vitest";
import { callbackUrlProblem } from "@/lib/habilitations/fields";
import { checkUrlSyntax } from "@/lib/net/outbound";
import { decisionsSchema, fieldUpdateSchema, habilitationRequestSchema, MESSAGE_MAX_LENGTH, newFieldSchema } from "@/lib/habilitations/schema";

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe("urls with control characters or spaces", () => {
  it.each(["https://x.fr/a\r\nX-Evil: 1", "https://x.fr/a\nb", "https://x.fr/\ta", "https://x.fr/a\u0000", "https://x.fr/a b", " https://x.fr/a", "https://x.fr/a\u007f"])(
    "refuses %j",
    (url) => {
      expect(callbackUrlProblem(url)).toMatch(/espace|caractère de contrôle/);
      const verdict = checkUrlSyntax(url);
      expect(verdict.ok).toBe(false);
      expect((verdict as { reason: string }).reason).toMatch(/espace|caractère de contrôle/);
    },
  );
});

describe("length limits answer with their own message", () => {
  const long = "x".repeat(10_000);

  it("a request message over the limit is refused (not dropped)", () => {
    const r = habilitationRequestSchema.safeParse({ apiCodes: ["DELTA_H7"], message: long });
    expect(messages(r)).toEqual([`Le message ne peut pas dépasser ${MESSAGE_MAX_LENGTH} caractères.`]);
    expect(habilitationRequestSchema.safeParse({ apiCodes: ["DELTA_H7"], message: "" }).success).toBe(true);
    expect(habilitationRequestSchema.safeParse({ apiCodes: ["DELTA_H7"] }).success).toBe(true);
  });

  it("a refusal reason over the limit is refused as too long, not as too short", () => {
    const r = decisionsSchema.safeParse({ items: [{ itemId: "i1", decision: "REFUSED", reason: long }] });
    expect(messages(r)).toEqual([`Le motif ne peut pas dépasser ${MESSAGE_MAX_LENGTH} caractères.`]);
    const short = decisionsSchema.safeParse({ items: [{ itemId: "i1", decision: "REFUSED", reason: "x" }] });
    expect(messages(short)).toEqual(["Un refus doit être motivé (au moins 3 caractères) : le motif est communiqué au correspondant."]);
  });

  it("a field help over the limit is refused", () => {
    expect(messages(newFieldSchema.safeParse({ key: "codeBureau", label: "Code", kind: "TEXT", required: false, help: long }))).toEqual([
      "L'aide ne peut pas dépasser 300 caractères.",
    ]);
    expect(messages(fieldUpdateSchema.safeParse({ label: "Code", required: true, help: long }))).toEqual(["L'aide ne peut pas dépasser 300 caractères."]);
  });
});
