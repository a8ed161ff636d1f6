import { describe, expect, it } from "vitest";
import { z } from "@/lib/zod";

describe("lib/zod: French default messages", () => {
  it("explains in French an input no schema anticipated (wrong type, not an object)", () => {
    const schema = z.object({ identifiant: z.string() });
    const wrongType = schema.safeParse({ identifiant: 42 });
    const notAnObject = schema.safeParse("texte");
    for (const result of [wrongType, notAnObject]) {
      expect(result.success).toBe(false);
      const message = result.error!.issues[0]!.message;
      expect(message).toMatch(/invalide/i);
      expect(message).not.toMatch(/invalid input|expected/i);
    }
  });

  it("keeps the schemas' own messages", () => {
    const result = z.string().min(3, { error: "Trop court." }).safeParse("a");
    expect(result.error!.issues[0]!.message).toBe("Trop court.");
  });
});
