import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium (/usr/bin/chromium), against the production build served
 * on 127.0.0.1 with its own SQLite database (.tmp/e2e.db, recreated at each run).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// The customs service's TLS hosts (scripts/e2e-server.sh starts them; the same ports as scripts/e2e-env.sh):
// the test workers, started after the servers, trust the local authority as any Node client would.
process.env.CUSTOMS_TOKEN_BASE_URL ??= `https://127.0.0.1:${port + 43}`;
process.env.CUSTOMS_API_BASE_URL ??= `https://127.0.0.1:${port + 44}`;
// Set, not defaulted: a machine-wide NODE_EXTRA_CA_CERTS (a corporate bundle) must not hide the e2e authority.
process.env.NODE_EXTRA_CA_CERTS = path.resolve(".tmp/e2e-tls/ca.pem");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: { baseURL, trace: "retain-on-failure", locale: "fr-FR", timezoneId: "Europe/Paris" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    command: `bash scripts/e2e-server.sh ${port}`,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
