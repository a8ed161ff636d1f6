/**
 * `npm run secrets:rotate-key [-- --env-file .env.local]` — a new APP_ENCRYPTION_KEY: every secret at rest
 * is re-encrypted with it in one transaction, then the env file gets the new key, the old one kept as
 * APP_ENCRYPTION_KEY_PREVIOUS (to read backups made before). Restart the console afterwards.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { db } from "../lib/db";
import { reencryptAll } from "../lib/crypto/rotate";

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function setVar(content: string, key: string, value: string): string {
  const line = `${key}=${value}`;
  const re = new RegExp(`^${key}=.*$`, "m");
  if (re.test(content)) return content.replace(re, line);
  return `${content}${content && !content.endsWith("\n") ? "\n" : ""}${line}\n`;
}

async function main() {
  const envFile = argValue("--env-file") ?? ".env.local";
  if (!existsSync(envFile)) throw new Error(`${envFile} introuvable : lancez d'abord la console une fois (npm run console).`);
  const before = readFileSync(envFile, "utf8");
  // The file is the source of truth for the keys (not the shell's environment).
  const vars = parseEnv(before) as Record<string, string | undefined>;
  if (!process.env.DATABASE_URL && vars.DATABASE_URL) process.env.DATABASE_URL = vars.DATABASE_URL;
  const current = vars.APP_ENCRYPTION_KEY;
  if (!current) throw new Error(`APP_ENCRYPTION_KEY absente de ${envFile}.`);
  const oldKeys = [current, ...(vars.APP_ENCRYPTION_KEY_PREVIOUS ?? "").split(",")]
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, "base64"));
  const newKey = randomBytes(32);

  const report = await reencryptAll(db(), oldKeys, newKey);
  let next = setVar(before, "APP_ENCRYPTION_KEY", newKey.toString("base64"));
  next = setVar(next, "APP_ENCRYPTION_KEY_PREVIOUS", current);
  writeFileSync(envFile, next, { mode: 0o600 });
  console.log(
    `Clé de chiffrement renouvelée : ${report.fieldValues} secret(s) d'API et ${report.signingKeys} clé(s) de signature re-chiffrés. ` +
      `${envFile} mis à jour. Redémarrez la console pour qu'elle utilise la nouvelle clé.`,
  );
}

main()
  .then(() => db().$disconnect())
  .catch(async (error) => {
    console.error(`Rotation impossible (rien n'a été modifié) : ${error instanceof Error ? error.message : String(error)}`);
    await db().$disconnect();
    process.exit(1);
  });
