/**
 * The console's HTTP server: Next.js behind the console's edge (lib/http-edge/edge.ts), which
 * finds the client's address from the socket (or a trusted proxy, TRUSTED_PROXIES), drops
 * forwarded headers from anyone else and refuses malformed requests before Next.js sees them.
 *
 *   npm start                 production build, PORT (3000) on HOST (127.0.0.1)
 *   npm run dev               the same edge in front of the development server
 */
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import next from "next";
import { markEdgeRunning, parseTrustedProxies, TrustedProxiesError, type TrustedProxies } from "./lib/net/client-address";
import { actionRoutesFromManifest, type ActionRoutes } from "./lib/http-edge/actions";
import { guardStreams, inspectRequest, sendRefusal } from "./lib/http-edge/edge";
import { AuthConfigError, signInMethods } from "./lib/auth/federation";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const dir = path.resolve(__dirname);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function trustedProxies(): TrustedProxies {
  try {
    return parseTrustedProxies(process.env.TRUSTED_PROXIES);
  } catch (error) {
    if (error instanceof TrustedProxiesError) fail(error.message);
    throw error;
  }
}

function actionRoutes(): ActionRoutes | null {
  if (dev) return null;
  try {
    return actionRoutesFromManifest(JSON.parse(readFileSync(path.join(dir, ".next/server/server-reference-manifest.json"), "utf8")));
  } catch {
    fail("Build introuvable : lancez `npx next build` avant `npm start`.");
  }
}

async function main(): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PORT invalide : ${process.env.PORT}`);
  const trusted = trustedProxies();
  try {
    signInMethods(); // AUTH_CREDENTIALS, OIDC_*: a bad setting stops the start, with its reason
  } catch (error) {
    if (error instanceof AuthConfigError) fail(error.message);
    throw error;
  }
  const actions = actionRoutes();
  markEdgeRunning();
  const app = next({ dev, dir, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    guardStreams(req, res);
    const refusal = inspectRequest(req, { trustedProxies: trusted, actions });
    if (refusal) {
      sendRefusal(req, res, refusal);
      return;
    }
    void handle(req, res);
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
  server.listen(port, hostname, () => {
    const proxies = trusted.entries.length > 0 ? trusted.entries.join(", ") : "aucun (adresse du client = adresse de la connexion)";
    process.stdout.write(`▲ Console${dev ? " (développement)" : ""} prête sur http://${hostname}:${port} — proxys de confiance : ${proxies}\n`);
  });

  const stop = () => {
    server.close(() => void app.close().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
