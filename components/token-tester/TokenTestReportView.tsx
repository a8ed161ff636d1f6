"use client";
/** The tester's step-by-step report (no secret in it: see lib/token-tester/report.ts). */
import { useState, useTransition } from "react";
import { refreshTokenTestAction } from "@/lib/token-tester/actions";
import type { ApiCallReport, ExchangeReport, RefreshReport, TokenTestReport } from "@/lib/token-tester/report";
import type { IdTokenReport } from "@/lib/token-tester/id-token";
import type { Check } from "@/lib/oauth-client/token-response";
import { useConsoleNow } from "@/lib/client-clock";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";

function Step({ n, title, children, testId }: { n: number | string; title: string; children: React.ReactNode; testId?: string }) {
  const id = `etape-${n}`;
  return (
    <section aria-labelledby={id} className="border-l-4 border-marianne pl-4" data-testid={testId}>
      <h3 id={id} className="text-lg font-bold">
        <span className="mr-2 inline-flex h-7 w-7 items-center justify-center rounded-full bg-marianne text-sm text-white" aria-hidden="true">
          {n}
        </span>
        {title}
      </h3>
      <div className="mt-2 space-y-2">{children}</div>
    </section>
  );
}

function Mark({ state }: { state: "ok" | "fail" | "warn" | "skip" }) {
  const view = {
    ok: { sign: "✔", cls: "text-vert", sr: "conforme" },
    fail: { sign: "✗", cls: "text-rouge", sr: "non conforme" },
    warn: { sign: "⚠", cls: "text-jaune", sr: "recommandation non suivie" },
    skip: { sign: "–", cls: "text-muted", sr: "non vérifié" },
  }[state];
  return (
    <>
      <span aria-hidden="true" className={`inline-block w-5 font-bold ${view.cls}`}>
        {view.sign}
      </span>
      <span className="sr-only">{view.sr} : </span>
    </>
  );
}

function Checklist({ checks, label }: { checks: Check[]; label: string }) {
  return (
    <ul aria-label={label} className="space-y-1" data-testid="checklist">
      {checks.map((c) => {
        const state = c.ok ? "ok" : c.level === "recommended" ? "warn" : "fail";
        return (
          <li key={c.id} data-check={c.id} data-ok={c.ok} className="text-sm">
            <Mark state={state} />
            {c.label}
            {c.detail && <span className="ml-2 text-muted">— {c.detail}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="ghost"
      className="!px-0"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true), () => setCopied(false));
      }}
    >
      {copied ? "Copié" : "Copier la commande"}
    </Button>
  );
}

function formatDuration(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m} min ${String(s).padStart(2, "0")} s` : `${s} s`;
}

function Countdown({ expiresAtMs, serverNowMs }: { expiresAtMs: number; serverNowMs: number }) {
  const current = useConsoleNow(serverNowMs);
  const left = expiresAtMs - current;
  return (
    <span role="timer" aria-live="off" data-testid="countdown" className={left > 0 ? "font-semibold tabular-nums" : "font-semibold text-rouge"}>
      {left > 0 ? `expire dans ${formatDuration(left)}` : "expiré : un client doit en demander un nouveau"}
    </span>
  );
}

function ExchangeDetails({ exchange, serverNowMs, numbering }: { exchange: ExchangeReport; serverNowMs: number; numbering: (n: number) => string }) {
  return (
    <>
      <Step n={numbering(1)} title="Requête envoyée (équivalent curl)">
        <pre className="overflow-x-auto bg-ink p-3 text-sm text-white" data-testid="curl">
          <code>{exchange.curl}</code>
        </pre>
        <p className="text-sm text-muted">Le secret est remplacé par *** : il n&apos;est jamais affiché.</p>
        <CopyButton text={exchange.curl} />
      </Step>
      <Step n={numbering(2)} title="Réponse du serveur" testId="response">
        <p>
          {exchange.status === null ? (
            <strong>Aucune réponse</strong>
          ) : (
            <>
              Statut <strong data-testid="http-status">HTTP {exchange.status}</strong>
            </>
          )}{" "}
          en <strong data-testid="latency">{exchange.latencyMs} ms</strong>
          {exchange.contentType && <span className="text-muted"> · {exchange.contentType}</span>}
        </p>
        {exchange.explanation && (
          <div className="border-l-4 border-rouge bg-rouge-light px-4 py-3" data-testid="explanation">
            <p className="font-semibold">{exchange.explanation.title}</p>
            <p className="mt-1">{exchange.explanation.text}</p>
            {exchange.error?.code && (
              <p className="mt-1 text-sm">
                Code : <code className="font-mono">{exchange.error.code}</code>
                {exchange.error.description && <> · description du serveur : « {exchange.error.description} »</>}
              </p>
            )}
            {exchange.error?.bodySnippet && (
              <pre className="mt-2 max-h-40 overflow-auto bg-white/60 p-2 text-xs whitespace-pre-wrap">{exchange.error.bodySnippet}</pre>
            )}
          </div>
        )}
      </Step>
      {exchange.checks.length > 0 && (
        <Step n={numbering(3)} title="Conformité de la réponse au guide" testId="conformity">
          <Checklist checks={exchange.checks} label="Contrôles de la réponse" />
          <p className="text-xs text-muted">✔ conforme · ✗ non conforme (bloquant) · ⚠ recommandation non suivie</p>
        </Step>
      )}
      {exchange.token && (
        <Step n={numbering(4)} title="Jeton d'accès" testId="token">
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
            <dt className="text-muted">token_type</dt>
            <dd className="font-mono">{exchange.token.tokenType}</dd>
            <dt className="text-muted">expires_in</dt>
            <dd>
              <span className="font-mono">{exchange.token.expiresIn}</span> s ·{" "}
              <Countdown expiresAtMs={exchange.token.expiresAtMs} serverNowMs={serverNowMs} /> ({exchange.token.expiresAtParis}, heure de Paris)
            </dd>
            <dt className="text-muted">access_token</dt>
            <dd>{exchange.token.accessTokenShape} — non affiché</dd>
            <dt className="text-muted">refresh_token</dt>
            <dd>{exchange.token.refreshTokenPresent ? `présent (${exchange.token.refreshTokenShape}) — non affiché` : "absent"}</dd>
            {exchange.token.scope && (
              <>
                <dt className="text-muted">scope</dt>
                <dd className="font-mono">{exchange.token.scope}</dd>
              </>
            )}
          </dl>
          <p className="text-sm text-muted">
            Un client doit réutiliser ce jeton pour tous ses appels tant qu&apos;il est valide, et n&apos;en demander un nouveau
            qu&apos;à son expiration (avec une marge de sécurité) ou s&apos;il est refusé.
          </p>
        </Step>
      )}
      {exchange.clock && (
        <Step n={numbering(5)} title="Horloge" testId="clock">
          <p className="text-sm">
            Décalage mesuré avec l&apos;en-tête Date du serveur ({exchange.clock.serverDate}) :{" "}
            <strong>
              {exchange.clock.offsetMs > 0 ? "+" : ""}
              {(Math.round(exchange.clock.offsetMs / 100) / 10).toLocaleString("fr-FR")} s
            </strong>{" "}
            (précision ± {(Math.round(exchange.clock.uncertaintyMs / 100) / 10).toLocaleString("fr-FR")} s).
          </p>
          {exchange.clock.significant ? (
            <Alert tone="warning" title="Horloge décalée de plus de 2 secondes">
              {exchange.clock.advice}
            </Alert>
          ) : (
            <p className="text-sm text-vert">
              <Mark state="ok" />
              Horloges synchronisées (écart inférieur à 2 s).
            </p>
          )}
        </Step>
      )}
    </>
  );
}

function IdTokenView({ idToken }: { idToken: IdTokenReport }) {
  const signature = idToken.signature;
  const dateOf = (claim: string) => idToken.dates.find((d) => d.claim === claim);
  return (
    <>
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h4 className="font-semibold">En-tête</h4>
          <pre className="mt-1 overflow-x-auto bg-surface p-3 text-xs" data-testid="id-token-header">{JSON.stringify(idToken.header, null, 2)}</pre>
        </div>
        <div>
          <h4 className="font-semibold">Revendications (claims)</h4>
          <table className="mt-1 w-full text-sm" data-testid="id-token-claims">
            <tbody>
              {Object.entries(idToken.claims).map(([k, v]) => (
                <tr key={k} className="border-b border-line align-top">
                  <th scope="row" className="py-1 pr-3 text-left font-mono font-normal text-muted">
                    {k}
                  </th>
                  <td className="py-1 break-all">
                    <span className="font-mono">{typeof v === "string" ? v : JSON.stringify(v)}</span>
                    {dateOf(k) && <span className="block text-muted">{dateOf(k)!.paris} (heure de Paris)</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <p data-testid="signature" data-status={signature.status} className="text-sm">
        <Mark state={signature.status === "valid" ? "ok" : signature.status === "invalid" ? "fail" : "skip"} />
        <strong>
          Signature {signature.status === "valid" ? "vérifiée" : signature.status === "invalid" ? "invalide" : "non vérifiée"}
        </strong>{" "}
        — {signature.detail}
        {signature.jwksUri && <span className="block break-all text-xs text-muted">JWKS : {signature.jwksUri}</span>}
      </p>
      <ul aria-label="Contrôles de l'id_token" className="space-y-1" data-testid="id-token-checks">
        {idToken.checks
          .filter((c) => c.id !== "signature")
          .map((c) => (
            <li key={c.id} data-check={c.id} data-status={c.status} className="text-sm">
              <Mark state={c.status === "ok" ? "ok" : c.status === "skipped" ? "skip" : c.level === "recommended" ? "warn" : "fail"} />
              {c.label}
              {c.detail && <span className="ml-2 text-muted">— {c.detail}</span>}
            </li>
          ))}
      </ul>
    </>
  );
}

function ApiCallView({ call }: { call: ApiCallReport }) {
  return (
    <>
      <p className="break-all text-sm">
        <span className="font-mono">GET {call.url}</span> →{" "}
        <strong data-testid="api-status">{call.status === null ? "pas de réponse" : `HTTP ${call.status}`}</strong> en {call.latencyMs} ms
      </p>
      <Alert tone={call.ok ? "success" : "warning"} title={call.explanation.title}>
        {call.explanation.text}
      </Alert>
      {call.wwwAuthenticate && (
        <div>
          <p className="text-sm">
            En-tête <code className="font-mono">WWW-Authenticate</code> :{" "}
            <code className="break-all font-mono" data-testid="www-authenticate">{call.wwwAuthenticate}</code>
          </p>
          {call.challenge && (
            <table className="mt-1 text-sm" aria-label="WWW-Authenticate analysé (RFC 6750 §3)">
              <tbody>
                {Object.entries(call.challenge.params).map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row" className="pr-3 text-left font-mono font-normal text-muted">{k}</th>
                    <td className="font-mono">{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {call.challenge?.problems.map((p) => (
            <p key={p} className="text-sm text-jaune">
              <Mark state="warn" />
              {p}
            </p>
          ))}
        </div>
      )}
      {call.location && <p className="break-all text-sm">Redirection vers {call.location} (non suivie).</p>}
      {call.bodySnippet && (
        <pre className="max-h-48 overflow-auto bg-surface p-3 text-xs whitespace-pre-wrap">{call.bodySnippet}</pre>
      )}
    </>
  );
}

function RefreshStep({ report }: { report: TokenTestReport }) {
  const [results, setResults] = useState<RefreshReport[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const latest = results[results.length - 1];
  const available = latest ? latest.refreshAvailable : report.refreshAvailable;
  const refresh = () => {
    if (!report.runId) return;
    setError(null);
    startTransition(async () => {
      try {
        const result = await refreshTokenTestAction(report.runId!);
        if (result.ok) setResults((r) => [...r, result.data]);
        else setError(result.message);
      } catch {
        setError("Le rafraîchissement n'a pas pu être envoyé au serveur. Réessayez.");
      }
    });
  };
  return (
    <>
      <p className="text-sm">
        {report.exchange.token?.refreshTokenPresent
          ? "Le serveur a fourni un refresh_token (conservé par la console le temps de ce test, jamais envoyé au navigateur). « Rafraîchir » l'échange contre un nouveau jeton (grant_type=refresh_token)."
          : "Le serveur n'a pas fourni de refresh_token : l'étape de rafraîchissement est impossible."}
      </p>
      {report.exchange.token?.refreshTokenPresent && (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" onClick={refresh} disabled={pending || !available}>
            {pending ? "Rafraîchissement…" : "Rafraîchir"}
          </Button>
          {!available && <span className="text-sm text-muted">Relancez un test pour obtenir un nouveau refresh_token.</span>}
        </div>
      )}
      {error && <Alert tone="error">{error}</Alert>}
      {latest && (
        <div className="space-y-4 border border-line p-4" data-testid="refresh-result" aria-live="polite">
          <Alert tone={latest.verdict.ok ? "success" : "error"} title={`${latest.verdict.title}${results.length > 1 ? ` (rafraîchissement n° ${results.length})` : ""}`}>
            {latest.verdict.warnings.length > 0 && (
              <ul className="list-disc pl-5 text-sm">
                {latest.verdict.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </Alert>
          <ExchangeDetails exchange={latest.exchange} serverNowMs={latest.serverNowMs} numbering={(n) => `R${n}`} />
        </div>
      )}
    </>
  );
}

export function TokenTestReportView({ report }: { report: TokenTestReport }) {
  const { verdict, exchange } = report;
  const tone = !verdict.ok ? "error" : verdict.warnings.length > 0 ? "warning" : "success";
  let n = exchange.clock ? 5 : 4;
  return (
    <section aria-labelledby="rapport-titre" className="space-y-6" data-testid="token-report">
      <div>
        <h2 id="rapport-titre" tabIndex={-1} className="text-2xl font-bold focus:outline-none">
          Rapport du test
        </h2>
        <p className="mt-1 text-sm text-muted">
          {report.environment.label} · <span className="break-all font-mono">{report.tokenUrl}</span> · identifiant{" "}
          <strong>{report.identifiant}</strong> · {report.startedAtParis}
        </p>
      </div>
      <div data-testid="verdict" data-ok={verdict.ok}>
        <Alert tone={tone} title={verdict.title}>
          {!verdict.ok && exchange.explanation && <p>{exchange.explanation.text}</p>}
          {verdict.warnings.length > 0 && (
            <ul className="list-disc pl-5 text-sm">
              {verdict.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </Alert>
      </div>
      <ExchangeDetails exchange={exchange} serverNowMs={report.serverNowMs} numbering={(i) => String(i)} />
      {(report.idToken || report.idTokenError) && (
        <Step n={++n} title="id_token décodé" testId="id-token">
          {report.idToken ? <IdTokenView idToken={report.idToken} /> : <Alert tone="error">{report.idTokenError}</Alert>}
        </Step>
      )}
      {exchange.token && (
        <Step n={++n} title="Rafraîchissement du jeton" testId="refresh">
          <RefreshStep report={report} />
        </Step>
      )}
      {report.apiCall && (
        <Step n={++n} title="Appel authentifié à l'API" testId="api-call">
          <ApiCallView call={report.apiCall} />
        </Step>
      )}
    </section>
  );
}
