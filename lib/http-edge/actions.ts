/**
 * Which server actions a page accepts, from the production build's
 * `.next/server/server-reference-manifest.json` (action id → the page bundles that hold it).
 * A POST with a `Next-Action` header is served only when its id belongs to the addressed page:
 * anything else is answered 404 by the edge, before Next.js renders the page and leaves the body
 * unread (which logged an `uncaughtException: aborted` per request). Pure: the edge reads the file.
 */

type Manifest = { node?: Record<string, { workers?: Record<string, unknown> }> };

export type ActionRoutes = {
  /** Number of actions known (0 when the manifest is missing: dev server, no check). */
  readonly size: number;
  /** True when `actionId` is an action of the page at `pathname` (already decoded). */
  accepts(actionId: string, pathname: string): boolean;
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "app/(console)/comptes-api/[id]/page" → /^\/comptes-api\/[^/]+\/?$/ */
export function pageRoutePattern(worker: string): RegExp | null {
  if (!worker.startsWith("app/") || !worker.endsWith("/page")) return null;
  const segments = worker
    .slice("app".length, -"/page".length)
    .split("/")
    .filter((s) => s !== "" && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  let pattern = "";
  for (const segment of segments) {
    if (/^\[\[\.\.\.[^\]]+\]\]$/.test(segment)) pattern += "(?:/.*)?";
    else if (/^\[\.\.\.[^\]]+\]$/.test(segment)) pattern += "/.+";
    else if (/^\[[^\]]+\]$/.test(segment)) pattern += "/[^/]+";
    else pattern += `/${escapeRegExp(segment)}`;
  }
  return new RegExp(`^${pattern || "/"}/?$`);
}

export function actionRoutesFromManifest(manifest: Manifest | null): ActionRoutes {
  const byId = new Map<string, RegExp[]>();
  for (const [id, entry] of Object.entries(manifest?.node ?? {})) {
    const patterns = Object.keys(entry.workers ?? {})
      .map(pageRoutePattern)
      .filter((p): p is RegExp => p !== null);
    byId.set(id, patterns);
  }
  return {
    size: byId.size,
    accepts(actionId, pathname) {
      const patterns = byId.get(actionId);
      return Boolean(patterns?.some((p) => p.test(pathname)));
    },
  };
}
