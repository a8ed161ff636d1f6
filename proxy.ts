/**
 * Every page but /login requires a session (pages and actions check the policy again).
 * Machine endpoints (OAuth simulator /oauth2 and /.well-known, simulated APIs /example, /dh7,
 * /gamma2, /deltaie, /pnts — the catalogue's path prefixes —, demo receiver) are excluded: they
 * authenticate with OAuth 2.0, not with the console's session.
 */
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!login|api/auth|_next/static|_next/image|favicon.ico|robots.txt|oauth2|\\.well-known|example|recepteur-demo|api-douane|dh7|gamma2|deltaie|pnts).*)"],
};
