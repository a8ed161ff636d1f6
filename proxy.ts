/**
 * Runs before every page: malformed server action calls refused (size, body), the session check — every page but /login requires a session (pages
 * and actions check the policy again) — and a fresh CSP nonce (lib/security/headers.ts).
 * Machine endpoints (OAuth simulator /oauth2 and /.well-known, simulated APIs /example, /dh7,
 * /gamma2, /deltaie, /pnts — the catalogue's path prefixes —, demo receiver) are excluded: they
 * authenticate with OAuth 2.0, not with the console's session, and serve no HTML.
 */
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy } from "./lib/security/headers";
import { checkActionBody } from "./lib/http-edge/action-body";

const PUBLIC_PAGES = new Set(["/login", "/accessibilite", "/mentions-legales", "/donnees-personnelles"]);

/** Server actions post small forms: bigger bodies are refused before Next.js parses them (mirrors next.config.mjs). */
export const MAX_ACTION_BODY_BYTES = 256 * 1024;

function tooLarge(request: NextRequest): NextResponse | null {
  if (request.method !== "POST") return null;
  const length = request.headers.get("content-length");
  if (length === null) {
    return request.headers.has("next-action") ? new NextResponse("Longueur de la requête requise.", { status: 411 }) : null;
  }
  const bytes = Number(length);
  if (!Number.isFinite(bytes) || bytes > MAX_ACTION_BODY_BYTES) {
    return new NextResponse("Requête trop volumineuse.", { status: 413, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return null;
}

/** A server action call whose body cannot be decoded is a 400, not a 500 (lib/http-edge/action-body.ts). */
async function malformedAction(request: NextRequest): Promise<NextResponse | null> {
  if (request.method !== "POST" || !request.headers.has("next-action")) return null;
  const verdict = checkActionBody(request.headers.get("content-type"), await request.clone().text());
  if (verdict.ok) return null;
  return new NextResponse(verdict.reason, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function proxy(request: NextRequest) {
  const refused = tooLarge(request) ?? (await malformedAction(request));
  if (refused) return refused;
  const { pathname, search } = request.nextUrl;
  if (!PUBLIC_PAGES.has(pathname) && !(await getToken({ req: request }))) {
    const login = new URL("/login", request.url);
    login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api/auth|api/live|_next/static|_next/image|favicon.ico|robots.txt|oauth2|\\.well-known|example|recepteur-demo|dh7|gamma2|deltaie|pnts).*)"],
};
