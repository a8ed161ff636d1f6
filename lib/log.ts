/**
 * The console's logger: one JSON line per event on stdout/stderr, with secrets redacted wherever
 * they appear — keys named like password/token/secret/authorization/cookie, and inside strings
 * (form bodies "password=…", "Bearer …" headers, JSON "access_token": "…").
 */
type Level = "info" | "warn" | "error";

const SECRET_KEY = /pass(word)?|token|secret|authorization|cookie|cipher/i;
const REDACTED = "[masqué]";

const STRING_PATTERNS: [RegExp, string][] = [
  [/\b(password|passwd|pwd|token|access_token|refresh_token|id_token|client_secret)=([^&\s"']+)/gi, `$1=${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, `$1 ${REDACTED}`],
  [/("(?:[a-z_]*password|[a-z_]*token|secret|authorization)"\s*:\s*)"[^"]*"/gi, `$1"${REDACTED}"`],
];

export function redactString(value: string): string {
  return STRING_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), value);
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[…]";
  if (typeof value === "string") return redactString(value);
  if (value instanceof Error) return { name: value.name, message: redactString(value.message), stack: value.stack ? redactString(value.stack) : undefined };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  return value;
}

function write(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, ...(redact(fields) as Record<string, unknown>) });
  if (level === "info") process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}

export const log = {
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};
