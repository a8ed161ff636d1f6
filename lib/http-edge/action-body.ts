/**
 * Is a server action's body something React can decode? The console's actions are always called
 * with plain values, which React sends as a JSON text (`text/plain`). Junk — `[` × 40 000, a cut
 * JSON, nesting deeper than any form — made Next.js answer 500; it is refused with 400 instead,
 * before Next.js parses it (proxy.ts). Pure; iterative (a deep nesting cannot overflow the stack).
 */
export const MAX_ACTION_NESTING = 32;

export type ActionBodyVerdict = { ok: true } | { ok: false; reason: string };

/** Deepest nesting of arrays and objects in a JSON text, strings skipped (no recursion). */
export function jsonNesting(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) max = Math.max(max, ++depth);
    else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return max;
}

export function checkActionBody(contentType: string | null, body: string): ActionBodyVerdict {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") return { ok: true }; // FormData arguments: decoded by Next.js's multipart parser
  if (type !== "text/plain" && type !== "") return { ok: false, reason: "Type de contenu non pris en charge pour une action." };
  if (jsonNesting(body) > MAX_ACTION_NESTING) return { ok: false, reason: "Requête mal formée (imbrication trop profonde)." };
  try {
    JSON.parse(body);
  } catch {
    return { ok: false, reason: "Requête mal formée (le corps n'est pas un JSON valide)." };
  }
  return { ok: true };
}
