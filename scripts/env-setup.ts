/**
 * Creates .env.local with fresh secrets when they are missing (never overwrites one):
 * NEXTAUTH_SECRET (session signing), APP_ENCRYPTION_KEY (AES-256-GCM key for per-API tokens),
 * NEXTAUTH_URL (the address the console is served on).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2] ?? ".env.local";
const current = existsSync(file) ? readFileSync(file, "utf8") : "";
const has = (key: string) => new RegExp(`^${key}=`, "m").test(current) || Boolean(process.env[key]);

const additions: string[] = [];
if (!has("NEXTAUTH_SECRET")) additions.push(`NEXTAUTH_SECRET=${randomBytes(32).toString("base64url")}`);
if (!has("APP_ENCRYPTION_KEY")) additions.push(`APP_ENCRYPTION_KEY=${randomBytes(32).toString("base64")}`);
if (!has("NEXTAUTH_URL")) additions.push("NEXTAUTH_URL=http://127.0.0.1:3000");

if (additions.length > 0) {
  const prefix = current && !current.endsWith("\n") ? "\n" : "";
  writeFileSync(file, `${current}${prefix}${additions.join("\n")}\n`, { mode: 0o600 });
  console.log(`${file} : ${additions.map((a) => a.split("=")[0]).join(", ")} ajouté(s).`);
}
