/**
 * Strict reading of a token request body (RFC 6749 §3.2, §4.3.2, Appendix B):
 *  - only `application/x-www-form-urlencoded` (a `charset` parameter is allowed: UTF-8 or US-ASCII);
 *  - at most MAX_FORM_BYTES, checked on Content-Length and again while streaming;
 *  - names and values percent-decoded with `+` as space; a malformed escape or invalid UTF-8
 *    is an error, never silently replaced;
 *  - every repeated name is reported (§3.2: "parameters MUST NOT be included more than once").
 * Pure functions, except readLimitedBody which consumes the request's stream.
 */

export const MAX_FORM_BYTES = 8 * 1024;

export type MediaType = { type: string; params: Record<string, string> };

/** `type/subtype; name=value; name="quoted"` → lower-cased type and parameter names; null when unparsable. */
export function parseMediaType(header: string | null): MediaType | null {
  if (!header) return null;
  const [rawType, ...rawParams] = header.split(";");
  const type = (rawType ?? "").trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) return null;
  const params: Record<string, string> = {};
  for (const raw of rawParams) {
    const piece = raw.trim();
    if (!piece) continue;
    const eq = piece.indexOf("=");
    if (eq <= 0) return null;
    const name = piece.slice(0, eq).trim().toLowerCase();
    let value = piece.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    params[name] = value;
  }
  return { type, params };
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export function checkFormContentType(header: string | null): Verdict {
  const media = parseMediaType(header);
  if (!media) {
    return { ok: false, reason: "Content-Type manquant ou illisible : envoyez application/x-www-form-urlencoded (RFC 6749 §4.3.2)." };
  }
  if (media.type !== "application/x-www-form-urlencoded") {
    return { ok: false, reason: `Content-Type « ${media.type} » refusé : seul application/x-www-form-urlencoded est accepté (RFC 6749 §4.3.2).` };
  }
  const charset = media.params.charset?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8" && charset !== "us-ascii") {
    return { ok: false, reason: `Jeu de caractères « ${charset} » non pris en charge : utilisez UTF-8.` };
  }
  return { ok: true };
}

export type FormParse = { ok: true; params: Map<string, string>; repeated: string[] } | { ok: false; reason: string };

function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/** application/x-www-form-urlencoded → first value of each name + the names seen more than once. */
export function parseForm(body: string): FormParse {
  const params = new Map<string, string>();
  const repeated = new Set<string>();
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq === -1 ? "" : pair.slice(eq + 1));
    if (name === null || value === null) {
      return { ok: false, reason: "Corps de requête mal encodé (séquence %XX invalide ou UTF-8 invalide)." };
    }
    if (params.has(name)) repeated.add(name);
    else params.set(name, value);
  }
  return { ok: true, params, repeated: [...repeated] };
}

export type BodyRead = { ok: true; text: string } | { ok: false; reason: "too_large" | "encoding" };

/** Reads at most `max` bytes of the body (stops reading beyond), decoded as strict UTF-8. */
export async function readLimitedBody(request: Request, max = MAX_FORM_BYTES): Promise<BodyRead> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > max) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: "encoding" };
  }
}
