import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * Two instances of one console on one database (tests/instances/): `next start`-like servers A and B
 * (server.ts, the same build) on 127.0.0.1, on a SQLite file or — with INSTANCES_DATABASE_URL — on
 * PostgreSQL. The specs talk HTTP to both and read the shared database.
 */
const A = Number(process.env.INSTANCES_PORT_A ?? 3201);
const B = Number(process.env.INSTANCES_PORT_B ?? 3202);
/** The customs service on the same database: token host C, API host C + 1 (TLS, local authority of .tmp/instances-tls). */
const C = Number(process.env.INSTANCES_PORT_C ?? 3203);
process.env.E2E_DATABASE_URL = process.env.INSTANCES_DATABASE_URL ?? "file:./.tmp/instances.db";
process.env.INSTANCE_A = `http://127.0.0.1:${A}`;
process.env.INSTANCE_B = `http://127.0.0.1:${B}`;
process.env.CUSTOMS_TOKEN = `https://127.0.0.1:${C}`;
process.env.CUSTOMS_API = `https://127.0.0.1:${C + 1}`;
process.env.NODE_EXTRA_CA_CERTS = path.resolve(".tmp/instances-tls/ca.pem"); // set, not defaulted (see playwright.config.ts)

export default defineConfig({
  testDir: "tests/instances",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  webServer: [
    { command: `bash scripts/instances-server.sh A ${A}`, url: `http://127.0.0.1:${A}/login`, reuseExistingServer: false, timeout: 180_000, stdout: "pipe", stderr: "pipe" },
    { command: `bash scripts/instances-server.sh B ${B}`, url: `http://127.0.0.1:${B}/login`, reuseExistingServer: false, timeout: 180_000, stdout: "pipe", stderr: "pipe" },
    { command: `bash scripts/instances-server.sh C ${C}`, url: `https://127.0.0.1:${C}/oauth2/jwks`, ignoreHTTPSErrors: true, reuseExistingServer: false, timeout: 180_000, stdout: "pipe", stderr: "pipe" },
  ],
});
