import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decryptSecret, encryptSecret, keyId, sealedKeyId } from "@/lib/crypto/secrets";
import { withTestDatabase } from "../support/test-db";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");

let url: string;
withTestDatabase(() => (url = process.env.DATABASE_URL!));

describe("npm run secrets:rotate-key", () => {
  it("re-encrypts every secret at rest with a new key and updates the env file", async () => {
    const oldKey = process.env.APP_ENCRYPTION_KEY!;
    const account = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
    const api = await db().api.findFirstOrThrow();
    await db().apiFieldValue.create({ data: { apiAccountId: account.id, apiId: api.id, fieldKey: "token", secretCipher: encryptSecret("jeton-très-secret") } });
    await db().signingKey.create({
      data: { kid: "k1", alg: "RS512", publicJwk: "{}", privateCipher: encryptSecret("-----BEGIN PRIVATE KEY-----x"), createdAt: new Date() },
    });
    const envFile = path.join(mkdtempSync(path.join(tmpdir(), "console-env-")), ".env.test");
    writeFileSync(envFile, `NEXTAUTH_SECRET=abc\nAPP_ENCRYPTION_KEY=${oldKey}\n`);

    const { stdout } = await run("npx", ["tsx", "scripts/rotate-encryption-key.ts", "--env-file", envFile], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, APP_ENCRYPTION_KEY: "", APP_ENCRYPTION_KEY_PREVIOUS: "" },
    });
    expect(stdout).toContain("1 secret(s) d'API et 1 clé(s) de signature re-chiffrés");

    const env = readFileSync(envFile, "utf8");
    const newKey = /^APP_ENCRYPTION_KEY=(.+)$/m.exec(env)![1]!;
    expect(newKey).not.toBe(oldKey);
    expect(env).toContain(`APP_ENCRYPTION_KEY_PREVIOUS=${oldKey}`);
    expect(env).toContain("NEXTAUTH_SECRET=abc");

    const newBuf = Buffer.from(newKey, "base64");
    const value = await db().apiFieldValue.findFirstOrThrow({ where: { fieldKey: "token" } });
    const signing = await db().signingKey.findUniqueOrThrow({ where: { kid: "k1" } });
    expect(sealedKeyId(value.secretCipher!)).toBe(keyId(newBuf));
    expect(sealedKeyId(signing.privateCipher)).toBe(keyId(newBuf));
    expect(decryptSecret(value.secretCipher!, [newBuf])).toBe("jeton-très-secret");
    expect(decryptSecret(signing.privateCipher, [newBuf])).toBe("-----BEGIN PRIVATE KEY-----x");
    expect(() => decryptSecret(value.secretCipher!, [Buffer.from(oldKey, "base64")])).toThrow();
  });
});
