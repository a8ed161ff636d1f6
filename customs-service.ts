/**
 * The customs side as its own service (lib/customs-service/): a token host and an API host, each
 * on its own port, over TLS with the local authority's certificate (created on first run in
 * .local/tls/). Started by `npm run console` next to the portal; several instances may run on one
 * database, like the portal's.
 *
 *   CUSTOMS_TOKEN_PORT  (3443)  token host: /oauth2/token, /oauth2/jwks, /.well-known/openid-configuration
 *   CUSTOMS_API_PORT    (3444)  API host: /example/api, /dh7, /gamma2, /deltaie, /pnts
 *   CUSTOMS_TLS=off             plain http (tests, or behind a TLS proxy)
 *   CUSTOMS_TLS_DIR (.local/tls), CUSTOMS_TLS_NAMES (extra names for the certificate, comma-separated)
 *   HOST (127.0.0.1), TRUSTED_PROXIES — as for the portal.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadLocalEnv } from "./lib/env-file";
import { markEdgeRunning, parseTrustedProxies, TrustedProxiesError } from "./lib/net/client-address";
import { ensureLocalCertificates } from "./lib/customs-service/tls";
import { startCustomsHost, stopHost, type RunningHost } from "./lib/customs-service/service";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function port(name: string, byDefault: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? byDefault : Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) fail(`${name} invalide : ${raw}`);
  return value;
}

async function main(): Promise<void> {
  // The portal's settings (NEXTAUTH_SECRET, APP_ENCRYPTION_KEY, DATABASE_URL…), as Next.js reads them for the portal.
  loadLocalEnv();
  let trustedProxies;
  try {
    trustedProxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  } catch (error) {
    if (error instanceof TrustedProxiesError) fail(error.message);
    throw error;
  }
  const hostname = process.env.HOST ?? "127.0.0.1";
  const useTls = process.env.CUSTOMS_TLS !== "off";
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (useTls) {
    const dir = path.resolve(process.env.CUSTOMS_TLS_DIR || ".local/tls");
    const certs = ensureLocalCertificates(dir, (process.env.CUSTOMS_TLS_NAMES ?? "").split(","));
    if (certs.created.ca) process.stdout.write(`Autorité de certification locale créée : ${certs.caPath}\n`);
    tls = { cert: readFileSync(certs.certPath), key: readFileSync(certs.keyPath) };
  }

  markEdgeRunning();
  const { followDemoClock, loadDemoClock } = await import("./lib/demo-clock/service");
  const { watchDatabaseChanges } = await import("./lib/db-changes");
  await loadDemoClock();
  followDemoClock();
  watchDatabaseChanges();

  const hosts: RunningHost[] = [];
  const plan = [
    ["token", port("CUSTOMS_TOKEN_PORT", 3443), process.env.CUSTOMS_TOKEN_BASE_URL],
    ["api", port("CUSTOMS_API_PORT", 3444), process.env.CUSTOMS_API_BASE_URL],
  ] as const;
  for (const [host, p, publicUrl] of plan) hosts.push(await startCustomsHost({ host, port: p, hostname, trustedProxies, tls, publicUrl }));
  const [token, api] = hosts;
  process.stdout.write(`▲ Service douane simulé — jetons : ${token!.url}/oauth2/token · API : ${api!.url}\n`);

  const stop = () => {
    void Promise.all(hosts.map(stopHost)).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
