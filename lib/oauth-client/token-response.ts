/**
 * Strict reading of a token endpoint's answer, as SPEC ("Environments and OAuth 2.0 parameters")
 * and RFC 6749 §5.1/§5.2 describe it. Pure: the client turns the verdict into a token or a typed
 * error; the tester shows the checklist item by item.
 *
 * Success: HTTP 200 + a JSON object with `access_token` (string), `expires_in` (integer seconds),
 * `token_type` "Bearer" (case-insensitive), `refresh_token` (string), `id_token` (a JWT).
 * Failure: HTTP 400 + `error` (+ optional `error_description`). Any other status is an error too.
 */
export type GrantType = "password" | "refresh_token";

export type CheckLevel = "required" | "recommended";

export type Check = {
  id: string;
  /** What is checked, in French. */
  label: string;
  ok: boolean;
  level: CheckLevel;
  /** What was found (never a token's value). */
  detail?: string;
};

export type TokenSet = {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  refreshToken: string | null;
  idToken: string | null;
  scope: string | null;
};

export type OAuthErrorBody = { error: string; errorDescription: string | null; errorUri: string | null };

export type TokenResponseVerdict =
  | { kind: "token"; checks: Check[]; token: TokenSet }
  | { kind: "oauth"; checks: Check[]; oauth: OAuthErrorBody }
  | { kind: "http"; checks: Check[] }
  | { kind: "malformed"; checks: Check[]; problems: string[] };

export type TokenResponseInput = {
  status: number;
  contentType: string | null;
  cacheControl?: string | null;
  body: string;
  /** Refresh responses may omit refresh_token (RFC 6749 §6) and id_token (OpenID Connect §12.2). */
  grant?: GrantType;
};

/** RFC 6749 §5.2 error codes. */
export const OAUTH_ERROR_CODES = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
] as const;

/** RFC 6750 §2.1 b64token: what may follow "Bearer " in an Authorization header. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "un tableau";
  if (typeof value === "string") return "une chaîne";
  if (typeof value === "number") return Number.isInteger(value) ? "un entier" : "un nombre décimal";
  if (typeof value === "boolean") return "un booléen";
  return "un objet";
}

function decodeSegment(segment: string): unknown {
  if (!BASE64URL.test(segment)) throw new Error("base64url");
  return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
}

/** Is this a JWS compact serialisation whose header (with `alg`) and payload are JSON objects? */
export function jwtShapeProblem(value: string): string | null {
  const parts = value.split(".");
  if (parts.length !== 3) return `${parts.length} partie(s) séparées par des points au lieu de 3`;
  let header: unknown;
  let payload: unknown;
  try {
    header = decodeSegment(parts[0]!);
  } catch {
    return "l'en-tête n'est pas du JSON encodé en base64url";
  }
  try {
    payload = decodeSegment(parts[1]!);
  } catch {
    return "la charge utile n'est pas du JSON encodé en base64url";
  }
  if (!header || typeof header !== "object" || Array.isArray(header)) return "l'en-tête n'est pas un objet JSON";
  if (typeof (header as { alg?: unknown }).alg !== "string") return "l'en-tête n'a pas d'algorithme (alg)";
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return "la charge utile n'est pas un objet JSON";
  if (!BASE64URL.test(parts[2]!)) return "la signature est vide ou n'est pas en base64url";
  return null;
}

function isJsonContentType(contentType: string | null): boolean {
  if (!contentType) return false;
  const mime = contentType.split(";")[0]!.trim().toLowerCase();
  return mime === "application/json" || /^application\/[\w.+-]+\+json$/.test(mime);
}

export function inspectTokenResponse(input: TokenResponseInput): TokenResponseVerdict {
  const grant = input.grant ?? "password";
  const checks: Check[] = [];
  const add = (id: string, label: string, ok: boolean, level: CheckLevel, detail?: string) => {
    checks.push(detail === undefined ? { id, label, ok, level } : { id, label, ok, level, detail });
    return ok;
  };

  let json: unknown;
  let parsedJson = false;
  try {
    json = JSON.parse(input.body);
    parsedJson = true;
  } catch {
    parsedJson = false;
  }
  const isObject = parsedJson && json !== null && typeof json === "object" && !Array.isArray(json);
  const obj = (isObject ? json : {}) as Record<string, unknown>;

  if (input.status !== 200) {
    add("status", "Statut HTTP 200", false, "required", `HTTP ${input.status}`);
    const error = obj.error;
    if (isObject && typeof error === "string" && error.length > 0) {
      add("error_status", "Une erreur OAuth répond HTTP 400 (RFC 6749 §5.2)", input.status === 400 || (input.status === 401 && error === "invalid_client"), "recommended", `HTTP ${input.status}`);
      add(
        "error_code",
        "Code d'erreur standard (RFC 6749 §5.2)",
        (OAUTH_ERROR_CODES as readonly string[]).includes(error),
        "recommended",
        error,
      );
      const description = typeof obj.error_description === "string" ? obj.error_description : null;
      const uri = typeof obj.error_uri === "string" ? obj.error_uri : null;
      return { kind: "oauth", checks, oauth: { error, errorDescription: description, errorUri: uri } };
    }
    add("error_body", "Le corps d'erreur est un objet JSON avec « error »", false, input.status === 400 ? "required" : "recommended",
      !parsedJson ? "corps non JSON" : !isObject ? `JSON ${describeType(json)}` : "champ « error » absent");
    return { kind: "http", checks };
  }

  const problems: string[] = [];
  add("status", "Statut HTTP 200", true, "required", "HTTP 200");
  add("content_type", "Content-Type application/json", isJsonContentType(input.contentType), "recommended", input.contentType ?? "absent");
  if (input.cacheControl !== undefined) {
    add("cache_control", "Cache-Control: no-store (RFC 6749 §5.1)", /(^|,)\s*no-store\s*(,|$)/i.test(input.cacheControl ?? ""), "recommended", input.cacheControl ?? "absent");
  }
  if (!add("json", "Le corps est du JSON", parsedJson, "required", parsedJson ? undefined : `début du corps : ${JSON.stringify(input.body.slice(0, 60))}`)) {
    problems.push("le corps n'est pas du JSON");
  } else if (!add("object", "Le JSON est un objet", isObject, "required", isObject ? undefined : describeType(json))) {
    problems.push(`le JSON est ${describeType(json)}, pas un objet`);
  }

  const field = (key: string, label: string, required: boolean, test: (v: unknown) => string | null) => {
    const value = obj[key];
    if (value === undefined) {
      add(key, label, !required, required ? "required" : "recommended", "absent");
      if (required) problems.push(`« ${key} » absent`);
      return;
    }
    const problem = test(value);
    add(key, label, problem === null, "required", problem ?? undefined);
    if (problem) problems.push(`« ${key} » : ${problem}`);
  };

  if (isObject) {
    field("access_token", "access_token : chaîne", true, (v) => {
      if (typeof v !== "string") return `${describeType(v)} au lieu d'une chaîne`;
      if (v.length === 0) return "chaîne vide";
      if (!B64TOKEN.test(v)) return "caractères interdits dans un en-tête « Authorization: Bearer » (RFC 6750 §2.1)";
      return null;
    });
    field("expires_in", "expires_in : entier (secondes)", true, (v) => {
      if (typeof v !== "number" || !Number.isInteger(v)) return `${describeType(v)} au lieu d'un entier`;
      if (v <= 0) return `${v} : doit être strictement positif`;
      return null;
    });
    field("token_type", "token_type : « Bearer »", true, (v) => {
      if (typeof v !== "string") return `${describeType(v)} au lieu d'une chaîne`;
      if (v.toLowerCase() !== "bearer") return `« ${v} » au lieu de « Bearer »`;
      return null;
    });
    field("refresh_token", "refresh_token : chaîne", grant === "password", (v) => {
      if (typeof v !== "string") return `${describeType(v)} au lieu d'une chaîne`;
      if (v.length === 0) return "chaîne vide";
      return null;
    });
    field("id_token", "id_token : JWT", grant === "password", (v) => {
      if (typeof v !== "string") return `${describeType(v)} au lieu d'une chaîne`;
      const problem = jwtShapeProblem(v);
      return problem ? `pas un JWT (${problem})` : null;
    });
    if (typeof obj.expires_in === "number" && Number.isInteger(obj.expires_in)) {
      add("expires_in_300", "expires_in vaut 300 (5 minutes, comme la douane)", obj.expires_in === 300, "recommended", `${obj.expires_in} s`);
    }
  }

  if (problems.length > 0) return { kind: "malformed", checks, problems };
  return {
    kind: "token",
    checks,
    token: {
      accessToken: obj.access_token as string,
      tokenType: obj.token_type as string,
      expiresIn: obj.expires_in as number,
      refreshToken: typeof obj.refresh_token === "string" ? obj.refresh_token : null,
      idToken: typeof obj.id_token === "string" ? obj.id_token : null,
      scope: typeof obj.scope === "string" ? obj.scope : null,
    },
  };
}
