/**
 * Runs the operator's script (./operator-dh7.ts) as its own process, as a customer's software
 * would: TLS to the customs hosts trusted through NODE_EXTRA_CA_CERTS only, no insecure flag.
 */
import { spawnSync } from "node:child_process";
import { API, CA_FILE, TOKEN } from "./hosts";
import { DEMO_API } from "./oauth";

export type Acknowledgement = { status: number; body: { customsDeclarationReference: string; status: string; lrn: string } };

export function declareAsOperator(lrn: string, username = DEMO_API.username): Acknowledgement {
  const run = spawnSync("npx", ["tsx", "e2e/support/operator-dh7.ts", lrn], {
    encoding: "utf8",
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_EXTRA_CA_CERTS: CA_FILE,
      TOKEN_URL: `${TOKEN}/oauth2/token`,
      API_URL: API,
      DOUANE_USERNAME: username,
      DOUANE_PASSWORD: DEMO_API.password,
    },
  });
  if (run.status !== 0) throw new Error(`operator script failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as Acknowledgement;
}
