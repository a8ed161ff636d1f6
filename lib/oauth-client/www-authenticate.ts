/**
 * `WWW-Authenticate` parser (RFC 7235 §4.1 syntax, RFC 6750 §3 Bearer attributes).
 *
 *   challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *   auth-param = token BWS "=" BWS ( token / quoted-string )
 *
 * One header may carry several challenges, separated by commas like the parameters themselves:
 * a comma followed by a token that is not followed by "=" starts a new challenge.
 */
export type Challenge = {
  scheme: string;
  /** Parameter names in lower case (they are case-insensitive); the first occurrence wins. */
  params: Record<string, string>;
  token68: string | null;
};

export type ParsedWwwAuthenticate = {
  challenges: Challenge[];
  /** What did not follow the grammar (empty when the header is well-formed). */
  problems: string[];
};

export type BearerChallenge = {
  realm: string | null;
  scope: string | null;
  error: string | null;
  errorDescription: string | null;
  errorUri: string | null;
  params: Record<string, string>;
  /** RFC 6750 §3 violations (duplicate attribute, characters outside the allowed range…). */
  problems: string[];
};

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

export function parseWwwAuthenticate(header: string | null | undefined): ParsedWwwAuthenticate {
  const challenges: Challenge[] = [];
  const problems: string[] = [];
  if (!header) return { challenges, problems };
  const s = header;
  let i = 0;

  const isSpace = (c: string | undefined) => c === " " || c === "\t";
  const skipSpaces = () => {
    while (isSpace(s[i])) i++;
  };
  const skipSpacesAndCommas = () => {
    while (isSpace(s[i]) || s[i] === ",") i++;
  };
  const readToken = () => {
    const start = i;
    while (i < s.length && TCHAR.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  const readQuoted = (): string | null => {
    // s[i] === '"'
    i++;
    let out = "";
    while (i < s.length) {
      const c = s[i]!;
      if (c === "\\") {
        if (i + 1 >= s.length) break;
        out += s[i + 1];
        i += 2;
        continue;
      }
      if (c === '"') {
        i++;
        return out;
      }
      out += c;
      i++;
    }
    return null; // unterminated
  };
  /** Looks ahead: is there `token BWS "="` (and not "==") at the current position? */
  const paramAhead = () => {
    const save = i;
    const name = readToken();
    skipSpaces();
    const ok = name.length > 0 && s[i] === "=" && s[i + 1] !== "=";
    // "name=" followed by end, a comma or spaces only is token68 padding, not a parameter
    let hasValue = false;
    if (ok) {
      let j = i + 1;
      while (isSpace(s[j])) j++;
      hasValue = j < s.length && s[j] !== ",";
    }
    i = save;
    return ok && hasValue;
  };

  while (true) {
    skipSpacesAndCommas();
    if (i >= s.length) break;
    const scheme = readToken();
    if (!scheme) {
      problems.push(`Caractère inattendu « ${s[i]} » à la position ${i + 1}.`);
      break;
    }
    const challenge: Challenge = { scheme, params: {}, token68: null };
    challenges.push(challenge);
    if (i < s.length && !isSpace(s[i]) && s[i] !== ",") {
      problems.push(`Caractère inattendu « ${s[i]} » après le schéma ${scheme}.`);
      break;
    }
    skipSpaces();
    if (i >= s.length) break;
    if (s[i] === ",") continue; // a scheme without parameters, next challenge

    if (!paramAhead()) {
      // token68, or the next challenge's scheme if this one had none
      const start = i;
      while (i < s.length && TOKEN68_CHAR.test(s[i]!)) i++;
      while (s[i] === "=") i++;
      const value = s.slice(start, i);
      skipSpaces();
      if (value && (i >= s.length || s[i] === ",")) {
        challenge.token68 = value;
        continue;
      }
      problems.push(`Paramètres illisibles après le schéma ${scheme}.`);
      break;
    }

    let broken = false;
    while (i < s.length) {
      const name = readToken().toLowerCase();
      skipSpaces();
      i++; // "="
      skipSpaces();
      let value: string | null;
      if (s[i] === '"') {
        value = readQuoted();
        if (value === null) {
          problems.push(`Chaîne entre guillemets non terminée pour « ${name} ».`);
          broken = true;
          break;
        }
      } else {
        value = readToken();
        if (!value) {
          problems.push(`Valeur manquante pour « ${name} ».`);
          broken = true;
          break;
        }
      }
      if (name in challenge.params) problems.push(`Le paramètre « ${name} » apparaît plusieurs fois (${scheme}).`);
      else challenge.params[name] = value;
      skipSpaces();
      if (i >= s.length) break;
      if (s[i] !== ",") {
        problems.push(`Virgule attendue après le paramètre « ${name} ».`);
        broken = true;
        break;
      }
      skipSpacesAndCommas();
      if (i >= s.length) break;
      if (!paramAhead()) break; // a new challenge starts here
    }
    if (broken) break;
  }
  return { challenges, problems };
}

// RFC 6750 §3: error and error_description use %x20-21 / %x23-5B / %x5D-7E; scope tokens %x21 / %x23-5B / %x5D-7E.
const NQSCHAR = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/;

/** The Bearer challenge of a `WWW-Authenticate` header (null when there is none). */
export function parseBearerChallenge(header: string | null | undefined): BearerChallenge | null {
  const parsed = parseWwwAuthenticate(header);
  const challenge = parsed.challenges.find((c) => c.scheme.toLowerCase() === "bearer");
  if (!challenge) return null;
  const p = challenge.params;
  const problems = [...parsed.problems];
  for (const key of ["error", "error_description", "scope"] as const) {
    if (p[key] !== undefined && !NQSCHAR.test(p[key])) problems.push(`« ${key} » contient des caractères non autorisés par la RFC 6750 §3.`);
  }
  if (challenge.token68) problems.push("Un challenge Bearer ne porte pas de token68 (RFC 6750 §3).");
  return {
    realm: p.realm ?? null,
    scope: p.scope ?? null,
    error: p.error ?? null,
    errorDescription: p.error_description ?? null,
    errorUri: p.error_uri ?? null,
    params: { ...p },
    problems,
  };
}

/** True when the response says the token is invalid (expired, revoked, malformed…): renew and retry. */
export function isInvalidTokenChallenge(status: number, header: string | null | undefined): boolean {
  if (status !== 401) return false;
  return parseBearerChallenge(header)?.error === "invalid_token";
}
