/**
 * Calls server actions over HTTP exactly as the browser does (POST with a Next-Action header), using
 * the ids of the production build (.next/server/server-reference-manifest.json).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

export type ServerActionRef = { id: string; filename: string; exportedName: string; pages: string[] };

export function serverActions(): ServerActionRef[] {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    filename: entry.filename ?? "?",
    exportedName: entry.exportedName ?? "?",
    pages: Object.keys(entry.workers),
  }));
}

export function serverAction(exportedName: string): ServerActionRef {
  const found = serverActions().find((a) => a.exportedName === exportedName);
  if (!found) throw new Error(`Server action ${exportedName} not in the build`);
  return found;
}

/** "app/(console)/comptes-api/[id]/page" → "/comptes-api/<params.id>" */
export function pagePath(worker: string, params: Record<string, string> = {}): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => {
      const m = /^\[+\.{0,3}([^\]]+)\]+$/.exec(s);
      return m ? (params[m[1]!] ?? "x") : s;
    })
    .join("/");
  return `/${route}`;
}

export async function callServerAction(
  request: APIRequestContext,
  baseURL: string,
  action: ServerActionRef,
  args: unknown[],
  params: Record<string, string> = {},
  rawBody?: string,
): Promise<{ response: APIResponse; text: string }> {
  const response = await request.post(pagePath(action.pages[0]!, params), {
    headers: {
      "Next-Action": action.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: new URL(baseURL).origin,
    },
    data: rawBody ?? JSON.stringify(args),
    maxRedirects: 0,
  });
  return { response, text: await response.text() };
}
