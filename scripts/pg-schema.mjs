#!/usr/bin/env node
/**
 * One schema source for both engines: prisma/schema.prisma (SQLite) is the source; this writes
 * prisma/postgres/schema.prisma (provider, placeholder url, its own generated client). `--check`
 * exits 1 when the PostgreSQL schema is stale (run by `npm test`).
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const source = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
const target = path.join(root, "prisma/postgres/schema.prisma");

function replaceOnce(text, pattern, replacement, what) {
  if (!pattern.test(text)) throw new Error(`pg-schema: ${what} introuvable dans prisma/schema.prisma`);
  return text.replace(pattern, replacement);
}

let out = source;
out = replaceOnce(out, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"', "provider sqlite");
out = replaceOnce(out, /url\s*=\s*"file:[^"]*"[^\n]*/, 'url      = "postgresql://unused@localhost/unused" // required by 6.19\'s parser, not used: the adapter decides', "url file:");
out = replaceOnce(out, /output\s*=\s*"\.\.\/generated\/prisma"/, 'output     = "../../generated/prisma-pg"', "output");
out = `// GENERATED from prisma/schema.prisma by scripts/pg-schema.mjs — do not edit: edit the source, then run
// \`node scripts/pg-schema.mjs\` (npm run db:migrate:new does it).
${out}`;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== out) {
    console.error("prisma/postgres/schema.prisma n'est pas à jour : lancez `node scripts/pg-schema.mjs` et créez la migration PostgreSQL.");
    process.exit(1);
  }
  console.log("prisma/postgres/schema.prisma est à jour.");
} else {
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, out);
  console.log("prisma/postgres/schema.prisma écrit.");
}
