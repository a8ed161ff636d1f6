import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, keyId, sealedKeyId } from "@/lib/crypto/secrets";

describe("secrets at rest (AES-256-GCM)", () => {
  beforeEach(() => {
    process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    delete process.env.APP_ENCRYPTION_KEY_PREVIOUS;
  });

  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptSecret("jeton-secret-é");
    expect(sealed).not.toContain("jeton");
    expect(decryptSecret(sealed)).toBe("jeton-secret-é");
    expect(encryptSecret("x")).not.toBe(encryptSecret("x")); // fresh IV each time
  });

  it("detects tampering", () => {
    const sealed = encryptSecret("abc");
    const parts = sealed.split(".");
    parts[4] = Buffer.from("abd").toString("base64url");
    expect(() => decryptSecret(parts.join("."))).toThrow();
  });

  it("opens values sealed with a previous key after a rotation", () => {
    const old = process.env.APP_ENCRYPTION_KEY!;
    const sealed = encryptSecret("ancien");
    process.env.APP_ENCRYPTION_KEY = randomBytes(32).toString("base64");
    expect(() => decryptSecret(sealed)).toThrow(/Clé de chiffrement inconnue/);
    process.env.APP_ENCRYPTION_KEY_PREVIOUS = old;
    expect(decryptSecret(sealed)).toBe("ancien");
    expect(sealedKeyId(sealed)).toBe(keyId(Buffer.from(old, "base64")));
  });

  it("refuses a key that is not 32 bytes", () => {
    process.env.APP_ENCRYPTION_KEY = Buffer.alloc(16).toString("base64");
    expect(() => encryptSecret("x")).toThrow(/32 octets/);
  });
});
