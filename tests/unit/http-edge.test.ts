/** The HTTP edge (findings 2, 8, 10, 13): what it hands to Next.js, and what it refuses. */
import { Socket } from "node:net";
import { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { actionRoutesFromManifest, pageRoutePattern } from "@/lib/http-edge/actions";
import { checkActionBody, jsonNesting } from "@/lib/http-edge/action-body";
import { inspectRequest } from "@/lib/http-edge/edge";
import { CLIENT_ADDRESS_HEADER, parseTrustedProxies } from "@/lib/net/client-address";

function request(method: string, url: string, headers: Record<string, string>, peer = "127.0.0.1"): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: peer });
  const req = new IncomingMessage(socket);
  req.method = method;
  req.url = url;
  for (const [k, v] of Object.entries(headers)) req.headers[k.toLowerCase()] = v;
  return req;
}

const manifest = {
  node: {
    a1: { workers: { "app/(console)/administration/page": {} } },
    a2: { workers: { "app/(console)/comptes-api/[id]/page": {}, "app/(console)/douane/demandes/[id]/page": {} } },
  },
};
const options = { trustedProxies: parseTrustedProxies("127.0.0.9"), actions: actionRoutesFromManifest(manifest) };

describe("the edge", () => {
  it("hands the socket's address to the app and drops forwarded headers from anyone but a trusted proxy", () => {
    const req = request("GET", "/login", {
      "x-forwarded-for": "10.0.0.1",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      [CLIENT_ADDRESS_HEADER]: "1.2.3.4",
      host: "127.0.0.1:3000",
    });
    expect(inspectRequest(req, options)).toBeNull();
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(req.headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(req.headers["x-forwarded-host"]).toBeUndefined();
    expect(req.headers["x-forwarded-proto"]).toBeUndefined();

    const proxied = request("GET", "/login", { "x-forwarded-for": "203.0.113.8", "x-forwarded-proto": "https", host: "console.fr" }, "127.0.0.9");
    expect(inspectRequest(proxied, options)).toBeNull();
    expect(proxied.headers[CLIENT_ADDRESS_HEADER]).toBe("203.0.113.8");
    expect(proxied.headers["x-forwarded-proto"]).toBe("https");
  });

  it("answers 400 for a path that does not decode — JSON with an RFC 6750 challenge on the APIs, a French page elsewhere", () => {
    const api = inspectRequest(request("GET", "/dh7/%ZZ", {}), options);
    expect(api).toMatchObject({ status: 400, headers: { "WWW-Authenticate": expect.stringContaining('error="invalid_request"') } });
    expect(JSON.parse(api!.body)).toMatchObject({ error: "invalid_request" });
    expect(JSON.parse(inspectRequest(request("POST", "/recepteur-demo/%ZZ", {}), options)!.body)).toMatchObject({ erreur: "chemin_invalide" });
    expect(inspectRequest(request("GET", "/comptes-api/%ZZ", {}), options)).toMatchObject({ status: 400, headers: { "Content-Type": "text/html;charset=UTF-8" } });
    expect(inspectRequest(request("GET", "/comptes-api/%C0%AF", {}), options)?.status).toBe(400);
    expect(inspectRequest(request("GET", "/comptes-api/caf%C3%A9?q=%ZZ", {}), options)).toBeNull();
  });

  it("serves a server action only on its own page (404 otherwise), and only from this host (403)", () => {
    const post = (path: string, id: string, origin?: string, peer?: string, extra: Record<string, string> = {}) =>
      inspectRequest(request("POST", path, { "next-action": id, host: "127.0.0.1:3000", ...(origin ? { origin } : {}), ...extra }, peer), options);
    expect(post("/administration", "a1", "http://127.0.0.1:3000")).toBeNull();
    expect(post("/comptes-api/cm123", "a2", "http://127.0.0.1:3000")).toBeNull();
    expect(post("/douane/demandes/x", "a2")).toBeNull();
    expect(post("/login", "a1", "http://127.0.0.1:3000")?.status).toBe(404);
    expect(post("/comptes-api/cm123/parcours", "a2", "http://127.0.0.1:3000")?.status).toBe(404);
    expect(post("/administration", "inconnue", "http://127.0.0.1:3000")?.status).toBe(404);
    expect(post("/administration", "a1", "http://evil.example")?.status).toBe(403);
    expect(post("/administration", "a1", "null")?.status).toBe(403);
    // A client-sent X-Forwarded-Host does not make a foreign origin acceptable…
    expect(post("/administration", "a1", "http://evil.example", "127.0.0.1", { "x-forwarded-host": "evil.example" })?.status).toBe(403);
    // …a trusted proxy's does.
    expect(post("/administration", "a1", "https://console.fr", "127.0.0.9", { "x-forwarded-host": "console.fr" })).toBeNull();
  });

  it("reads page patterns from the build's workers", () => {
    expect(pageRoutePattern("app/(console)/comptes-api/[id]/page")?.test("/comptes-api/abc")).toBe(true);
    expect(pageRoutePattern("app/(console)/aide/[slug]/page")?.test("/aide/a/b")).toBe(false);
    expect(pageRoutePattern("app/(console)/page")?.test("/")).toBe(true);
    expect(pageRoutePattern("app/docs/[[...rest]]/page")?.test("/docs")).toBe(true);
    expect(pageRoutePattern("app/docs/[[...rest]]/page")?.test("/docs/a/b")).toBe(true);
    expect(pageRoutePattern("app/api/auth/[...nextauth]/route")).toBeNull();
  });
});

describe("server action bodies", () => {
  it("accepts what React sends, refuses junk and deep nesting with 400 reasons", () => {
    expect(checkActionBody("text/plain;charset=UTF-8", '[{"siret":"12345678200010"}]')).toEqual({ ok: true });
    expect(checkActionBody("multipart/form-data; boundary=x", "--x--")).toEqual({ ok: true });
    expect(checkActionBody("text/plain", "[".repeat(40_000)).ok).toBe(false);
    expect(checkActionBody("text/plain", `${"[".repeat(40_000)}${"]".repeat(40_000)}`).ok).toBe(false);
    expect(checkActionBody("text/plain", '[{"a":')).toMatchObject({ ok: false, reason: expect.stringContaining("JSON") });
    expect(checkActionBody("application/json", "[]").ok).toBe(false);
    expect(jsonNesting('["[[[[", {"a": [1]}]')).toBe(3);
    expect(jsonNesting('"\\"[[["')).toBe(0);
  });
});
