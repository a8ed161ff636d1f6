/** The tester's report as plain text (the CLI prints what the page shows). Pure. */
import type { Check } from "../oauth-client/token-response";
import type { IdTokenCheck } from "./id-token";
import type { ApiCallReport, ExchangeReport, RefreshReport, TokenTestReport } from "./report";

function mark(ok: boolean, level: "required" | "recommended"): string {
  return ok ? "✔" : level === "recommended" ? "⚠" : "✗";
}

function checkLine(c: Check): string {
  return `  ${mark(c.ok, c.level)} ${c.label}${c.detail ? ` — ${c.detail}` : ""}`;
}

function idCheckLine(c: IdTokenCheck): string {
  const m = c.status === "ok" ? "✔" : c.status === "skipped" ? "–" : c.level === "recommended" ? "⚠" : "✗";
  return `  ${m} ${c.label}${c.detail ? ` — ${c.detail}` : ""}`;
}

function seconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${s > 0 ? "+" : ""}${s.toLocaleString("fr-FR")} s`;
}

function exchangeLines(e: ExchangeReport): string[] {
  const lines: string[] = [];
  lines.push("Requête (équivalent curl, secrets masqués) :", e.curl, "");
  lines.push(
    e.status === null
      ? `Réponse : aucune (${e.latencyMs} ms)`
      : `Réponse : HTTP ${e.status} en ${e.latencyMs} ms${e.contentType ? ` (${e.contentType})` : ""}`,
  );
  if (e.explanation) lines.push("", `✗ ${e.explanation.title}`, `  ${e.explanation.text}`);
  if (e.error?.problems.length) lines.push(...e.error.problems.map((p) => `  - ${p}`));
  if (e.error?.bodySnippet) lines.push(`  Corps : ${e.error.bodySnippet.replace(/\s+/g, " ").slice(0, 300)}`);
  if (e.checks.length) lines.push("", "Conformité de la réponse (guide douane, RFC 6749) :", ...e.checks.map(checkLine));
  if (e.token) {
    lines.push(
      "",
      "Jeton :",
      `  token_type : ${e.token.tokenType}`,
      `  expires_in : ${e.token.expiresIn} s (expire le ${e.token.expiresAtParis}, heure de Paris)`,
      `  access_token : ${e.token.accessTokenShape}`,
      `  refresh_token : ${e.token.refreshTokenPresent ? `présent (${e.token.refreshTokenShape})` : "absent"}`,
    );
  }
  if (e.clock) {
    lines.push("", `Horloge : décalage du serveur ${seconds(e.clock.offsetMs)} (± ${(Math.round(e.clock.uncertaintyMs / 100) / 10).toLocaleString("fr-FR")} s) — ${e.clock.significant ? "⚠" : "✔"} ${e.clock.significant ? e.clock.advice : "horloges synchronisées"}`);
  }
  return lines;
}

function apiLines(a: ApiCallReport): string[] {
  const lines = [`Appel d'API : GET ${a.url} → ${a.status === null ? "pas de réponse" : `HTTP ${a.status}`} en ${a.latencyMs} ms`, `  ${a.ok ? "✔" : "✗"} ${a.explanation.title} — ${a.explanation.text}`];
  if (a.wwwAuthenticate) {
    lines.push(`  WWW-Authenticate : ${a.wwwAuthenticate}`);
    if (a.challenge) {
      for (const [k, v] of Object.entries(a.challenge.params)) lines.push(`    ${k} = ${v}`);
      for (const p of a.challenge.problems) lines.push(`    ⚠ ${p}`);
    }
  }
  if (a.location) lines.push(`  Location : ${a.location}`);
  if (a.bodySnippet) lines.push(`  Corps : ${a.bodySnippet.replace(/\s+/g, " ").slice(0, 500)}`);
  return lines;
}

export function formatReport(r: TokenTestReport): string {
  const lines: string[] = [];
  lines.push(`Test d'obtention d'un jeton — ${r.environment.label}`, `URL du jeton : ${r.tokenUrl}`, `Identifiant : ${r.identifiant}`, `Date : ${r.startedAtParis}`, "");
  lines.push(...exchangeLines(r.exchange));
  if (r.idToken) {
    lines.push("", "id_token décodé :", `  En-tête : ${JSON.stringify(r.idToken.header)}`, `  Revendications : ${JSON.stringify(r.idToken.claims)}`);
    for (const d of r.idToken.dates) lines.push(`  ${d.claim} : ${d.paris} (heure de Paris)`);
    lines.push(`  Signature : ${r.idToken.signature.status === "valid" ? "✔ valide" : r.idToken.signature.status === "invalid" ? "✗ invalide" : "– non vérifiée"} — ${r.idToken.signature.detail}`);
    lines.push(...r.idToken.checks.filter((c) => c.id !== "signature").map(idCheckLine));
  }
  if (r.idTokenError) lines.push("", `✗ ${r.idTokenError}`);
  if (r.apiCall) lines.push("", ...apiLines(r.apiCall));
  lines.push("", `Verdict : ${r.verdict.ok ? "✔" : "✗"} ${r.verdict.title}`);
  for (const w of r.verdict.warnings) lines.push(`  - ${w}`);
  return lines.join("\n");
}

export function formatRefreshReport(r: RefreshReport): string {
  return [...exchangeLines(r.exchange), "", `Verdict : ${r.verdict.ok ? "✔" : "✗"} ${r.verdict.title}`, ...r.verdict.warnings.map((w) => `  - ${w}`)].join("\n");
}
