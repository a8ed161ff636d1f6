/**
 * The id_token step of the tester: decode header and claims, show dates in Europe/Paris, check
 * the claims against the guide, and verify the signature against the issuer's JWKS when it can be
 * discovered (OpenID Connect Discovery: {iss}/.well-known/openid-configuration → jwks_uri).
 */
import { createHash } from "node:crypto";
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, type JSONWebKeySet } from "jose";
import type { FetchLike } from "../oauth-client/exchange";
import { readCapped } from "../oauth-client/exchange";
import { formatDateTimeSeconds } from "../format";

export type IdTokenCheck = { id: string; label: string; status: "ok" | "fail" | "skipped"; level: "required" | "recommended"; detail?: string };

export type SignatureReport = {
  status: "valid" | "invalid" | "unverifiable";
  /** Why, in French. */
  detail: string;
  discoveryUrl: string | null;
  jwksUri: string | null;
  kid: string | null;
  alg: string | null;
};

export type IdTokenReport = {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  /** Date claims (iat, exp, auth_time, nbf) in Europe/Paris. */
  dates: Array<{ claim: string; epochSeconds: number; paris: string; iso: string }>;
  checks: IdTokenCheck[];
  signature: SignatureReport;
};

/** A date of the id_token in the console's one format, in Paris time, to the second. */
export function formatParis(ms: number): string {
  return formatDateTimeSeconds(ms);
}

const DATE_CLAIMS = ["iat", "auth_time", "nbf", "exp"] as const;
/** The guide: exp = iat + 7200. */
export const GUIDE_ID_TOKEN_LIFETIME_S = 7200;
const SKEW_S = 300;

/** at_hash (OpenID Connect Core §3.1.3.6): left half of the hash of the access token, base64url. */
export function atHash(accessToken: string, alg: string): string | null {
  const bits = /(\d{3})$/.exec(alg)?.[1];
  const hash = bits === "256" ? "sha256" : bits === "384" ? "sha384" : bits === "512" ? "sha512" : null;
  if (!hash) return null;
  const digest = createHash(hash).update(accessToken, "ascii").digest();
  return digest.subarray(0, digest.length / 2).toString("base64url");
}

export type IdTokenOptions = {
  idToken: string;
  accessToken: string;
  clientId: string;
  username: string;
  nowMs: number;
  /** Fetch used for discovery and JWKS (the console passes its outbound policy). */
  fetch: FetchLike;
  timeoutMs?: number;
  /**
   * "customs" (the console's simulator, Formation, Production): the customs sample is the reference,
   * its claims are required. "guide" (any other token URL): only what the guide requires (§4.3) —
   * an id_token whose signature verifies — can fail; every difference from the customs sample
   * (sub, aud, acr, lifetime…) is a remark.
   */
  profile?: "customs" | "guide";
};

async function getJson(fetchImpl: FetchLike, url: string, timeoutMs: number): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, { headers: { Accept: "application/json" }, redirect: "manual", signal: controller.signal });
    const text = await readCapped(response, 256 * 1024);
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    try {
      return JSON.parse(text);
    } catch {
      throw new Error("réponse non JSON");
    }
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`pas de réponse en ${timeoutMs / 1000} s`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message === "fetch failed") {
    const code = (error.cause as { code?: string } | undefined)?.code;
    return code ? `connexion impossible (${code})` : "connexion impossible";
  }
  return error.message;
}

export async function verifySignature(options: IdTokenOptions, iss: unknown, header: Record<string, unknown>): Promise<SignatureReport> {
  const kid = typeof header.kid === "string" ? header.kid : null;
  const alg = typeof header.alg === "string" ? header.alg : null;
  const base: SignatureReport = { status: "unverifiable", detail: "", discoveryUrl: null, jwksUri: null, kid, alg };
  if (!alg || alg === "none") return { ...base, status: "invalid", detail: "Jeton non signé (alg « none ») : refusé." };
  if (typeof iss !== "string" || !/^https?:\/\//.test(iss)) return { ...base, detail: "Pas d'émetteur (iss) exploitable : impossible de découvrir les clés." };
  const discoveryUrl = `${iss.replace(/\/+$/, "")}/.well-known/openid-configuration`;
  const timeoutMs = options.timeoutMs ?? 5_000;
  let jwksUri: string;
  try {
    const discovery = (await getJson(options.fetch, discoveryUrl, timeoutMs)) as Record<string, unknown> | null;
    if (!discovery || typeof discovery.jwks_uri !== "string") {
      return { ...base, discoveryUrl, detail: "Le document de découverte ne donne pas de jwks_uri." };
    }
    if (typeof discovery.issuer === "string" && discovery.issuer.replace(/\/+$/, "") !== iss.replace(/\/+$/, "")) {
      return { ...base, discoveryUrl, detail: `Le document de découverte annonce l'émetteur « ${discovery.issuer} », différent de iss : clés non retenues (OpenID Connect Discovery §4.3).` };
    }
    jwksUri = discovery.jwks_uri;
  } catch (error) {
    return { ...base, discoveryUrl, detail: `Découverte impossible (${discoveryUrl}) : ${errorText(error)}.` };
  }
  let jwks: JSONWebKeySet;
  try {
    const body = (await getJson(options.fetch, jwksUri, timeoutMs)) as JSONWebKeySet | null;
    if (!body || !Array.isArray(body.keys)) return { ...base, discoveryUrl, jwksUri, detail: "Le JWKS ne contient pas de tableau « keys »." };
    jwks = body;
  } catch (error) {
    return { ...base, discoveryUrl, jwksUri, detail: `JWKS illisible (${jwksUri}) : ${errorText(error)}.` };
  }
  try {
    await compactVerify(options.idToken, createLocalJWKSet(jwks), { algorithms: [alg] });
    return { ...base, status: "valid", discoveryUrl, jwksUri, detail: `Signature ${alg} vérifiée avec la clé ${kid ?? "(sans kid)"} du JWKS de l'émetteur.` };
  } catch (error) {
    const detail =
      error instanceof errors.JWKSNoMatchingKey
        ? `Aucune clé du JWKS ne correspond (kid ${kid ?? "absent"}, alg ${alg}).`
        : error instanceof errors.JWSSignatureVerificationFailed
          ? "La signature ne correspond pas à la clé publiée : jeton altéré ou clé erronée."
          : `Vérification impossible : ${errorText(error)}.`;
    const status = error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed ? "invalid" : "unverifiable";
    return { ...base, status, discoveryUrl, jwksUri, detail };
  }
}

export async function inspectIdToken(options: IdTokenOptions): Promise<IdTokenReport> {
  const header = decodeProtectedHeader(options.idToken) as Record<string, unknown>;
  const claims = decodeJwt(options.idToken) as Record<string, unknown>;
  const dates = DATE_CLAIMS.flatMap((claim) => {
    const v = claims[claim];
    if (typeof v !== "number" || !Number.isFinite(v)) return [];
    return [{ claim, epochSeconds: v, paris: formatParis(v * 1000), iso: new Date(v * 1000).toISOString() }];
  });
  const checks: IdTokenCheck[] = [];
  const guideOnly = options.profile === "guide";
  const add = (id: string, label: string, ok: boolean, level: IdTokenCheck["level"], detail?: string) =>
    checks.push({ id, label, status: ok ? "ok" : "fail", level: guideOnly ? "recommended" : level, ...(detail !== undefined ? { detail } : {}) });
  const nowS = options.nowMs / 1000;

  const signature = await verifySignature(options, claims.iss, header);
  checks.push({
    id: "signature",
    label: "Signature vérifiée avec le JWKS de l'émetteur",
    // The guide asks for an id_token one can verify: from another server, one that cannot be is a failure.
    status: signature.status === "valid" ? "ok" : signature.status === "invalid" || options.profile === "guide" ? "fail" : "skipped",
    level: "required",
    detail: signature.detail,
  });
  add("iss", "iss : l'émetteur", typeof claims.iss === "string" && claims.iss.length > 0, "required", typeof claims.iss === "string" ? claims.iss : "absent");
  add(
    "sub",
    "sub : l'identifiant du compte API",
    typeof claims.sub === "string" && claims.sub.toLowerCase() === options.username.toLowerCase(),
    "required",
    typeof claims.sub === "string" ? claims.sub : "absent",
  );
  const aud = claims.aud;
  const audiences = Array.isArray(aud) ? aud : typeof aud === "string" ? [aud] : [];
  add("aud", `aud contient « ${options.clientId} »`, audiences.includes(options.clientId), "required", aud === undefined ? "absent" : JSON.stringify(aud));
  add("azp", `azp vaut « ${options.clientId} »`, claims.azp === options.clientId, "recommended", claims.azp === undefined ? "absent" : String(claims.azp));
  const exp = typeof claims.exp === "number" ? claims.exp : null;
  const iat = typeof claims.iat === "number" ? claims.iat : null;
  add("exp", "exp : pas encore expiré", exp !== null && exp > nowS, "required", exp !== null ? formatParis(exp * 1000) : "absent");
  add("iat", "iat : pas dans le futur", iat !== null && iat <= nowS + SKEW_S, "required", iat !== null ? formatParis(iat * 1000) : "absent");
  if (exp !== null && iat !== null) {
    add("lifetime", "exp = iat + 7200 (2 heures, comme la douane)", exp - iat === GUIDE_ID_TOKEN_LIFETIME_S, "recommended", `${exp - iat} s`);
  }
  if (claims.auth_time !== undefined) add("auth_time", "auth_time = iat", claims.auth_time === iat, "recommended", String(claims.auth_time));
  add("acr", "acr vaut « loa-2 »", claims.acr === "loa-2", "recommended", claims.acr === undefined ? "absent" : String(claims.acr));
  if (typeof claims.at_hash === "string") {
    const expected = typeof header.alg === "string" ? atHash(options.accessToken, header.alg) : null;
    add("at_hash", "at_hash correspond à l'access_token", expected !== null && expected === claims.at_hash, "required", expected === null ? `algorithme ${String(header.alg)} non pris en charge` : undefined);
  } else {
    add("at_hash", "at_hash présent (lie l'id_token à l'access_token)", false, "recommended", "absent");
  }
  return { header, claims, dates, checks, signature };
}
