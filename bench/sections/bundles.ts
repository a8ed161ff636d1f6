/**
 * First-load JS per route, from the build's own stats (.next/diagnostics/route-bundle-stats.json,
 * written by `next build` in Next 16): the chunks each route loads first, gzipped here (-9).
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fmt, table, type SectionResult } from "../lib/report";

const STATS = ".next/diagnostics/route-bundle-stats.json";
export const LIST_ROUTE = "/comptes-api";
export const GOAL_KB = 130;

type RouteStats = { route: string; firstLoadUncompressedJsBytes: number; firstLoadChunkPaths: string[] };

/** What a chunk holds, from markers in its (minified) text. */
const MARKERS: [RegExp, string][] = [
  [/hydrateRoot/, "react-dom client + scheduler"],
  [/useFormStatus/, "Next.js app-router runtime (react-server-dom client)"],
  [/next-auth/, "next-auth/react (sign-out button, nav links)"],
  [/LiveConsoleTime/, "demo-clock banner (root layout)"],
  [/ClickableRow/, "accounts table rows"],
  [/zod/, "zod + react-hook-form (forms)"],
];

function describe(path: string, text: string): string {
  if (path.includes("turbopack-")) return "Turbopack runtime";
  return MARKERS.find(([re]) => re.test(text))?.[1] ?? "Next.js client (router, error boundary…)";
}

const kB = (bytes: number) => bytes / 1000;

export function bundlesSection(): SectionResult {
  const stats = JSON.parse(readFileSync(STATS, "utf8")) as RouteStats[];
  const gz = new Map<string, { raw: number; gzip: number; what: string }>();
  for (const route of stats) {
    for (const chunk of route.firstLoadChunkPaths) {
      if (gz.has(chunk)) continue;
      const text = readFileSync(chunk);
      gz.set(chunk, { raw: text.length, gzip: gzipSync(text, { level: 9 }).length, what: describe(chunk, text.toString("utf8")) });
    }
  }
  const routeGzip = (r: RouteStats) => r.firstLoadChunkPaths.reduce((sum, c) => sum + gz.get(c)!.gzip, 0);
  const shared = [...gz.keys()].filter((c) => stats.every((r) => r.firstLoadChunkPaths.includes(c)));
  const floor = shared.reduce((sum, c) => sum + gz.get(c)!.gzip, 0);
  // The framework alone: React DOM, the Next.js runtime and Turbopack's, loaded by every route.
  const framework = shared.filter((c) => /react-dom|Next\.js|Turbopack/.test(gz.get(c)!.what)).reduce((sum, c) => sum + gz.get(c)!.gzip, 0);
  const sorted = [...stats].sort((a, b) => a.route.localeCompare(b.route));
  const list = stats.find((r) => r.route === LIST_ROUTE);
  if (!list) throw new Error(`${LIST_ROUTE} missing from ${STATS}`);
  const listKb = kB(routeGzip(list));

  const markdown = [
    `From \`${STATS}\` (written by \`next build\`): the chunks each route loads first, each gzipped with level 9 here; kB = 1,000 bytes.`,
    "",
    table(
      ["Route", "First-load JS, raw (kB)", "First-load JS, gzip (kB)"],
      sorted.map((r) => [`\`${r.route}\``, fmt(kB(r.firstLoadUncompressedJsBytes), 1), fmt(kB(routeGzip(r)), 1)]),
    ),
    "",
    `Chunks of \`${LIST_ROUTE}\`:`,
    "",
    table(
      ["Chunk", "Holds", "Loaded by", "gzip (kB)"],
      list.firstLoadChunkPaths
        .map((c) => ({ c, ...gz.get(c)! }))
        .sort((a, b) => b.gzip - a.gzip)
        .map((x) => [
          `\`${x.c.split("/").pop()}\``,
          x.what,
          shared.includes(x.c) ? "every route" : `${stats.filter((r) => r.firstLoadChunkPaths.includes(x.c)).length} of ${stats.length} routes`,
          fmt(kB(x.gzip), 1),
        ]),
    ),
    "",
    `The JS **every** route loads weighs ${fmt(kB(floor), 1)} kB gzip, of which **${fmt(kB(framework), 1)} kB is the framework alone** (React DOM, the Next.js app-router runtime, Turbopack's runtime) and the rest the root layout's client parts; \`${LIST_ROUTE}\` adds ${fmt(listKb - kB(floor), 1)} kB of its own (the signed-in shell's sign-out button and nav links, the clickable rows).`,
  ].join("\n");
  return {
    title: "First-load JS",
    markdown,
    goals: [
      {
        goal: `First-load JS ≤ ${GOAL_KB} kB gzip on the list page ${LIST_ROUTE}`,
        figure: `${fmt(listKb, 1)} kB, of which ${fmt(kB(framework), 1)} kB is React DOM + the Next.js runtime alone`,
        met: listKb <= GOAL_KB,
        bound:
          `The framework alone — React DOM, the Next.js app-router runtime and Turbopack's runtime, loaded by every route — weighs ${fmt(kB(framework), 1)} kB gzip, ` +
          `more than the goal: no page of this Next.js 16 / React 19 app can meet it. The app's own share on ${LIST_ROUTE} is ${fmt(listKb - kB(framework), 1)} kB ` +
          `(see the chunk table: next-auth/react for the sign-out button, the demo-clock banner of the root layout, the clickable rows); removing all of it would still leave ${fmt(kB(framework), 1)} kB.`,
      },
    ],
  };
}
