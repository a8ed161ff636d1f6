/**
 * Where to go after signing in: only a path of the console itself. The candidate is parsed as a
 * URL against the console's origin (as the browser will resolve it: `/\host`, `/\t/host`,
 * `//host` all leave the origin) and kept only when the origin is unchanged. Browser-safe, pure.
 */
/** `/` sends each person to their landing page (lib/authorization/policy.ts: landingPathFor). */
export const DEFAULT_AFTER_SIGN_IN = "/";

export function safeCallbackPath(raw: string | null | undefined, origin: string): string {
  if (typeof raw !== "string" || raw === "" || raw.length > 2048) return DEFAULT_AFTER_SIGN_IN;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(raw, base);
  } catch {
    return DEFAULT_AFTER_SIGN_IN;
  }
  if (target.origin !== base.origin) return DEFAULT_AFTER_SIGN_IN;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // Never back to the sign-in page, nor to next-auth's own endpoints.
  if (target.pathname === "/login" || target.pathname.startsWith("/api/auth")) return DEFAULT_AFTER_SIGN_IN;
  return path.startsWith("/") && !path.startsWith("//") ? path : DEFAULT_AFTER_SIGN_IN;
}
