/**
 * One test callback over HTTP, as customs sends it: POST, JSON body, `Authorization: Bearer
 * <token>`, through the console's outbound policy (lib/net/outbound-fetch.ts: checked before the
 * call and on the addresses really connected to; no redirect followed). One timeout covers the
 * connection and the body. Never throws: the outcome and a French explanation are in the result.
 * The token only ever goes into the request header: the result never holds it (a response that
 * echoes it has it masked).
 */
import { describeNetworkError, readCapped } from "../oauth-client/exchange";
import { networkErrorCode } from "../oauth-client/errors";
import { redactString } from "../log";
import { outboundRefusal, type FetchLike } from "../net/outbound-fetch";

import { CALLBACK_TIMEOUT_MS, SNIPPET_BYTES } from "./limits";

export { CALLBACK_TIMEOUT_MS, SNIPPET_BYTES };
export const USER_AGENT = "Console-Correspondant-Entreprise/appel-retour-test";

export type CallbackOutcome = "success" | "http_error" | "redirect" | "timeout" | "network" | "refused";

export const OUTCOME_LABELS: Record<CallbackOutcome, string> = {
  success: "accepté",
  http_error: "refusé par le système appelé",
  redirect: "redirection non suivie",
  timeout: "délai dépassé",
  network: "erreur réseau",
  refused: "refusé par la console",
};

export type Delivery = {
  outcome: CallbackOutcome;
  status: number | null;
  latencyMs: number;
  /** The first 2 kB of the response body (token masked), null when no response arrived. */
  snippet: string | null;
  /** French explanation of the outcome. */
  message: string;
};

export type DeliveryRequest = {
  url: string;
  token: string;
  body: unknown;
  timeoutMs: number;
  fetch: FetchLike;
};

export const MASK = "[masqué]";

/** The text without the token (and anything that looks like a credential, as the logger masks it). */
export function maskSecret(text: string, secret: string): string {
  const withoutSecret = secret.length >= 4 ? text.split(secret).join(MASK) : text;
  return redactString(withoutSecret);
}

const HINTS: Record<number, string> = {
  400: "le système appelé juge le message invalide",
  401: "le système appelé refuse le token : vérifiez que le token enregistré est celui qu'il attend",
  403: "le système appelé refuse l'accès avec ce token",
  404: "ce chemin n'existe pas sur le système appelé : vérifiez l'url",
  405: "le système appelé n'accepte pas de POST à cette adresse",
  413: "le message est trop volumineux pour le système appelé",
  415: "le système appelé n'accepte pas le JSON",
  429: "le système appelé limite le nombre d'appels",
};

function httpErrorMessage(status: number): string {
  const hint = HINTS[status] ?? (status >= 500 ? "erreur interne du système appelé" : "réponse d'erreur du système appelé");
  return `Le système appelé a répondu HTTP ${status} (${hint}) : l'appel retour n'est pas accepté.`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} s`;
}

export async function deliverCallback(request: DeliveryRequest): Promise<Delivery> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let host = request.url;
  try {
    host = new URL(request.url).host;
  } catch {
    /* keep the raw URL */
  }
  try {
    const response = await request.fetch(request.url, {
      method: "POST",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json; charset=utf-8",
        Authorization: `Bearer ${request.token}`,
        "User-Agent": USER_AGENT,
      },
      body: JSON.stringify(request.body),
      redirect: "manual",
      cache: "no-store",
      signal: controller.signal,
    });
    const snippet = maskSecret(await readCapped(response, SNIPPET_BYTES), request.token);
    const latencyMs = elapsed();
    const status = response.status;
    if (status >= 200 && status < 300) {
      return { outcome: "success", status, latencyMs, snippet, message: `Appel retour accepté : HTTP ${status} en ${latencyMs} ms.` };
    }
    if (status >= 300 && status < 400) {
      const location = response.headers.get("location");
      const target = location ? ` vers ${maskSecret(location.slice(0, 300), request.token)}` : "";
      return {
        outcome: "redirect",
        status,
        latencyMs,
        snippet,
        message: `Le système appelé a répondu HTTP ${status} (redirection${target}) : la douane ne suit aucune redirection ; renseignez l'adresse finale comme url.`,
      };
    }
    return { outcome: "http_error", status, latencyMs, snippet, message: httpErrorMessage(status) };
  } catch (error) {
    const latencyMs = elapsed();
    if (controller.signal.aborted) {
      return {
        outcome: "timeout",
        status: null,
        latencyMs,
        snippet: null,
        message: `Pas de réponse complète de ${host} en ${seconds(request.timeoutMs)} (délai dépassé, connexion et corps compris) : le système appelé est trop lent ou injoignable.`,
      };
    }
    const refusal = outboundRefusal(error);
    if (refusal?.dns) return { outcome: "network", status: null, latencyMs, snippet: null, message: `Erreur réseau : ${refusal.message}` };
    if (refusal) return { outcome: "refused", status: null, latencyMs, snippet: null, message: `Appel refusé par la console : ${refusal.message} La douane n'appelle que des adresses publiques.` };
    const code = networkErrorCode(error);
    let message = describeNetworkError(error, request.url).message;
    if (code && /SSL|TLS|CERT|EPROTO/i.test(code) && !message.includes("TLS")) {
      message = `Erreur TLS : la négociation sécurisée avec ${host} a échoué (${code}) — certificat refusé ou serveur qui ne parle pas https.`;
    }
    return { outcome: "network", status: null, latencyMs, snippet: null, message: maskSecret(message, request.token) };
  } finally {
    clearTimeout(timer);
  }
}
