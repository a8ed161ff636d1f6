#!/usr/bin/env node
// douane-token: the token tester and client on the command line (see lib/token-cli/main.ts).
// TypeScript sources run through tsx's loader; .env.local (console settings) is read when present.
import { existsSync } from "node:fs";
import { register as registerCjs } from "tsx/cjs/api";
import { register } from "tsx/esm/api";

register();
registerCjs();
if (existsSync(".env.local")) process.loadEnvFile(".env.local");
const cli = await import("../lib/token-cli/main.ts");
const main = cli.main ?? cli.default?.main; // the package is CommonJS: tsx exposes the module as default
process.exitCode = await main(process.argv.slice(2), { env: process.env, stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
