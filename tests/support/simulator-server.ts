/**
 * The console's embedded OAuth 2.0 simulator served over real HTTP on 127.0.0.1 for integration
 * tests: the very handlers the Next.js routes call (lib/oauth/*), mounted on node:http, against
 * the test database. CONSOLE_BASE_URL is set to this server's origin, so the issuer, discovery,
 * JWKS and the "Simulateur" environment all point at it. The demo receiver of test callbacks
 * (/recepteur-demo/...) is served too. Requests go through the console's real HTTP edge first
 * (lib/http-edge/edge.ts: client address from the socket, forwarded headers dropped).
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { handleTokenRequest } from "@/lib/oauth/token-endpoint";
import { handleDiscovery, handleJwks } from "@/lib/oauth/discovery";
import { handleExampleApi, handleSimulatedApi } from "@/lib/oauth/resource";
import { handleDemoReceiver } from "@/lib/callbacks/receiver";
import { inspectRequest, sendRefusal } from "@/lib/http-edge/edge";
import { markEdgeRunning, parseTrustedProxies } from "@/lib/net/client-address";

export type SimulatorServer = { origin: string; tokenUrl: string; exampleApiUrl: string; close(): Promise<void> };

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startSimulatorServer(): Promise<SimulatorServer> {
  let origin = "";
  markEdgeRunning();
  const edge = { trustedProxies: parseTrustedProxies(""), actions: null };
  const server = createServer((req, res) => {
    const refusal = inspectRequest(req, edge);
    if (refusal) return sendRefusal(req, res, refusal);
    const run = async () => {
      const url = new URL(req.url ?? "/", origin);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
        else if (v !== undefined) headers.set(k, v);
      }
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      const request = new Request(url, { method: req.method, headers, ...(body ? { body: new Uint8Array(body) } : {}) });
      const path = url.pathname;
      let response: Response;
      if (path === "/oauth2/token" && req.method === "POST") response = await handleTokenRequest(request);
      else if (path === "/.well-known/openid-configuration") response = handleDiscovery(request);
      else if (path === "/oauth2/jwks") response = await handleJwks();
      else if (path === "/example/api") response = await handleExampleApi(request);
      else if (path === "/recepteur-demo" || path.startsWith("/recepteur-demo/")) response = await handleDemoReceiver(request);
      else if (/^\/(dh7|gamma2|deltaie|pnts)(\/|$)/.test(path)) response = await handleSimulatedApi(request, path.split("/")[1]!);
      else response = new Response("Not found", { status: 404 });
      const outHeaders: Record<string, string> = {};
      response.headers.forEach((v, k) => (outHeaders[k] = v));
      res.writeHead(response.status, outHeaders);
      res.end(Buffer.from(await response.arrayBuffer()));
    };
    run().catch((error: unknown) => {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(error instanceof Error ? error.message : "erreur");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.CONSOLE_BASE_URL = origin;
  return {
    origin,
    tokenUrl: `${origin}/oauth2/token`,
    exampleApiUrl: `${origin}/example/api`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
