/**
 * `douane-token` — the command-line token tester and client (npm run token -- <commande>).
 *
 *   get  --env simulateur|formation|production|<url> --username X [--api-url U] [--refresh] [--json]
 *   call <api-url> --env … --username X [--method M] [--header "K: V"]… [--data D] [--repeat N] [--json]
 *
 * The password comes from DOUANE_PASSWORD or standard input — never from the command line.
 * Exit status: 0 success, 1 OAuth / HTTP / network error, 2 usage error.
 */
import { parseArgs } from "node:util";
import type { Readable, Writable } from "node:stream";
import { environments, isEnvironmentId } from "../oauth/environments";
import { isLoopbackHost } from "../net/outbound";
import { TokenClient, TokenClientError, TokenRejectedError, type FetchLike } from "../oauth-client";
import { parseBearerChallenge } from "../oauth-client/www-authenticate";
import { runRefresh, runTokenTest, scrubber } from "../token-tester/run";
import { formatRefreshReport, formatReport } from "../token-tester/format-text";
import { explainApiAnswer, explainHttpStatus, explainMalformed, explainNetwork, explainOAuthError, explainTimeout } from "../token-tester/explain";

export type CliIo = {
  env: NodeJS.ProcessEnv;
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
  fetch?: FetchLike;
};

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

export const USAGE = `Usage : douane-token <commande> [options]     (ou : npm run --silent token -- <commande> …)

Commandes :
  get              obtient un jeton et affiche le rapport du testeur (requête curl, statut,
                   conformité au guide, id_token décodé et signature, horloge)
  call <url-api>   appelle une API avec le jeton mutualisé (Authorization: Bearer …) et
                   affiche le statut et le corps ; renouvelle et réessaie une fois si invalid_token
  help             cette aide

Options communes :
  --env <env>        simulateur | formation | production | URL du point d'accès du jeton (https)
  --username <id>    identifiant du compte API
  --client-id <id>   défaut gun-api          --scope <s>    défaut openid
  --timeout <s>      délai maximal d'une requête, en secondes (défaut 10)
  --json             sortie JSON (pour les scripts)

get :   --api-url <url>  appel authentifié après l'obtention du jeton
        --refresh        enchaîne l'étape de rafraîchissement (grant_type=refresh_token)
call :  --method <M> (défaut GET)   --header "Nom: valeur" (répétable)   --data <corps>
        --repeat <n>     n appels simultanés avec un seul client : montre la mutualisation du jeton

Mot de passe : variable d'environnement DOUANE_PASSWORD, ou entrée standard
(saisie masquée dans un terminal ; sinon première ligne lue, ex. : printf '%s' "$MDP" | douane-token get …).
Jamais en argument de la ligne de commande (il resterait dans l'historique et la liste des processus).

Code de sortie : 0 succès, 1 erreur OAuth, HTTP ou réseau, 2 erreur d'utilisation.`;

class UsageError extends Error {}

function write(stream: Writable, text: string) {
  stream.write(text.endsWith("\n") ? text : `${text}\n`);
}

type Target = { environment: { id: string; label: string }; tokenUrl: string };

function resolveEnv(value: string | undefined, env: NodeJS.ProcessEnv): Target {
  if (!value) throw new UsageError("Option --env obligatoire (simulateur, formation, production ou une URL).");
  const saved = process.env;
  if (isEnvironmentId(value)) {
    process.env = env;
    try {
      const e = environments()[value];
      return { environment: { id: e.id, label: e.label }, tokenUrl: e.tokenUrl };
    } finally {
      process.env = saved;
    }
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--env : « ${value} » n'est ni un environnement (simulateur, formation, production) ni une URL.`);
  }
  if (url.username || url.password) throw new UsageError("--env : l'URL ne doit pas contenir d'identifiant ni de mot de passe.");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new UsageError("--env : l'URL doit être en https (http n'est accepté que pour une adresse locale).");
  }
  return { environment: { id: "personnalise", label: "URL personnalisée" }, tokenUrl: url.toString() };
}

function checkHttpUrl(value: string, option: string): string {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return url.toString();
  } catch {
    /* below */
  }
  throw new UsageError(`${option} : « ${value} » n'est pas une URL http(s).`);
}

async function readPassword(io: CliIo): Promise<string> {
  const fromEnv = io.env.DOUANE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (io.stdin.isTTY && io.stdin.setRawMode) return promptHidden(io);
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const text = Buffer.concat(chunks).toString("utf8");
  const firstLine = text.split(/\r?\n/)[0] ?? "";
  if (!firstLine) throw new UsageError("Mot de passe manquant : définissez DOUANE_PASSWORD ou passez-le sur l'entrée standard.");
  return firstLine;
}

function promptHidden(io: CliIo): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = io.stdin;
    io.stderr.write("Mot de passe du compte API : ");
    stdin.setRawMode?.(true);
    stdin.resume();
    let value = "";
    const onData = (data: Buffer) => {
      for (const ch of data.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          cleanup();
          io.stderr.write("\n");
          if (!value) reject(new UsageError("Mot de passe vide."));
          else resolve(value);
          return;
        }
        if (ch === "\u0003") {
          cleanup();
          io.stderr.write("\n");
          reject(new UsageError("Saisie interrompue."));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else value += ch;
      }
    };
    const cleanup = () => {
      stdin.off("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
    };
    stdin.on("data", onData);
  });
}

const OPTIONS = {
  env: { type: "string" },
  username: { type: "string", short: "u" },
  "client-id": { type: "string" },
  scope: { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
  "api-url": { type: "string" },
  refresh: { type: "boolean" },
  method: { type: "string", short: "X" },
  header: { type: "string", short: "H", multiple: true },
  data: { type: "string", short: "d" },
  repeat: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function parse(argv: string[]) {
  if (argv.some((a) => /^(-p|--pass(word)?)(=|$)/i.test(a))) {
    throw new UsageError("Le mot de passe ne se passe jamais en argument : utilisez DOUANE_PASSWORD ou l'entrée standard.");
  }
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function timeoutOf(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0 || s > 300) throw new UsageError("--timeout : un nombre de secondes entre 0 et 300.");
  return Math.round(s * 1000);
}

// The documented exception to lib/clock.ts: a command-line tool reads the machine's clock.
// eslint-disable-next-line no-restricted-syntax
const systemClock = () => Date.now();

async function commandGet(values: ReturnType<typeof parse>["values"], positionals: string[], io: CliIo): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`Argument inattendu : ${positionals[0]}`);
  const target = resolveEnv(values.env, io.env);
  if (!values.username) throw new UsageError("Option --username obligatoire (identifiant du compte API).");
  const apiUrl = values["api-url"] ? checkHttpUrl(values["api-url"], "--api-url") : null;
  const timeoutMs = timeoutOf(values.timeout);
  const password = await readPassword(io);
  const fetchImpl: FetchLike = io.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const { report, secrets } = await runTokenTest({
    environment: target.environment,
    tokenUrl: target.tokenUrl,
    username: values.username,
    password,
    ...(values["client-id"] ? { clientId: values["client-id"] } : {}),
    ...(values.scope ? { scope: values.scope } : {}),
    timeoutMs,
    clock: systemClock,
    fetch: fetchImpl,
    metadataFetch: fetchImpl,
    apiUrl,
  });
  let refresh = null;
  if (values.refresh && secrets?.refreshToken) {
    refresh = (await runRefresh({ tokenUrl: target.tokenUrl, refreshToken: secrets.refreshToken, clientId: report.clientId, timeoutMs, clock: systemClock, fetch: fetchImpl })).report;
  }
  const ok = report.verdict.ok && (!report.apiCall || report.apiCall.ok) && (!refresh || refresh.verdict.ok);
  if (values.json) write(io.stdout, JSON.stringify(refresh ? { ...report, refresh } : report, null, 2));
  else {
    write(io.stdout, formatReport(report));
    if (values.refresh) write(io.stdout, refresh ? `\nRafraîchissement :\n${formatRefreshReport(refresh)}` : "\nRafraîchissement : impossible, pas de refresh_token.");
  }
  return ok ? EXIT_OK : EXIT_ERROR;
}

function explainClientError(error: TokenClientError) {
  if (error instanceof TokenRejectedError) return explainApiAnswer(error.status, error.challenge);
  const e = error as TokenClientError & { error?: string; errorDescription?: string | null; problems?: string[]; timeoutMs?: number };
  switch (e.kind) {
    case "oauth":
      return explainOAuthError(e.error ?? "", e.errorDescription ?? null);
    case "http":
      return explainHttpStatus(e.status ?? 0);
    case "malformed":
      return explainMalformed(e.problems ?? []);
    case "timeout":
      return explainTimeout(e.timeoutMs ?? 0);
    default:
      return explainNetwork(e.message);
  }
}

async function commandCall(values: ReturnType<typeof parse>["values"], positionals: string[], io: CliIo): Promise<number> {
  if (positionals.length !== 1) throw new UsageError("call attend exactement une URL d'API.");
  const url = checkHttpUrl(positionals[0]!, "call");
  const target = resolveEnv(values.env, io.env);
  if (!values.username) throw new UsageError("Option --username obligatoire (identifiant du compte API).");
  const method = (values.method ?? "GET").toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw new UsageError("--method : une méthode HTTP (GET, POST…).");
  const headers = new Headers();
  for (const h of values.header ?? []) {
    const i = h.indexOf(":");
    if (i <= 0) throw new UsageError(`--header : « ${h} » n'a pas la forme « Nom: valeur ».`);
    if (h.slice(0, i).trim().toLowerCase() === "authorization") throw new UsageError("--header : l'en-tête Authorization est posé par le client.");
    headers.append(h.slice(0, i).trim(), h.slice(i + 1).trim());
  }
  const repeat = values.repeat === undefined ? 1 : Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 10_000) throw new UsageError("--repeat : un entier entre 1 et 10 000.");
  const timeoutMs = timeoutOf(values.timeout);
  const password = await readPassword(io);
  const client = new TokenClient({
    tokenUrl: target.tokenUrl,
    username: values.username,
    password,
    ...(values["client-id"] ? { clientId: values["client-id"] } : {}),
    ...(values.scope ? { scope: values.scope } : {}),
    timeoutMs,
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  const init: RequestInit = { method, headers, ...(values.data !== undefined ? { body: values.data } : {}) };
  const started = performance.now();
  const settled = await Promise.allSettled(
    Array.from({ length: repeat }, async () => {
      const response = await client.fetch(url, init);
      const body = await response.text();
      return { response, body };
    }),
  );
  const elapsedMs = Math.round(performance.now() - started);
  const scrub = scrubber([password]);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  const successes = settled.filter((s): s is PromiseFulfilledResult<{ response: Response; body: string }> => s.status === "fulfilled").map((s) => s.value);
  const statuses: Record<string, number> = {};
  for (const s of successes) statuses[s.response.status] = (statuses[s.response.status] ?? 0) + 1;
  if (failure) {
    const reason = failure.reason as unknown;
    if (!(reason instanceof TokenClientError)) throw reason;
    const explanation = explainClientError(reason);
    const message = scrub(reason.message);
    if (values.json) {
      write(io.stdout, JSON.stringify({ ok: false, error: { kind: reason.kind, status: reason.status, message }, explanation, tokenRequests: client.tokenRequestCount, statuses }, null, 2));
    } else {
      write(io.stderr, `✗ ${explanation.title}\n  ${explanation.text}\n  (${message})`);
    }
    return EXIT_ERROR;
  }
  const first = successes[0]!;
  const ok = successes.every((s) => s.response.ok);
  const header = first.response.headers.get("www-authenticate");
  const challenge = parseBearerChallenge(header);
  if (values.json) {
    write(
      io.stdout,
      JSON.stringify(
        {
          ok,
          status: first.response.status,
          contentType: first.response.headers.get("content-type"),
          wwwAuthenticate: header,
          challenge,
          body: first.body,
          calls: repeat,
          statuses,
          tokenRequests: client.tokenRequestCount,
          elapsedMs,
          clockOffsetMs: client.clockOffset?.offsetMs ?? null,
        },
        null,
        2,
      ),
    );
  } else if (repeat > 1) {
    const summary = Object.entries(statuses).map(([s, n]) => `HTTP ${s} × ${n}`).join(", ");
    write(io.stdout, `${repeat} appels simultanés en ${elapsedMs} ms : ${summary}\nRequêtes de jeton : ${client.tokenRequestCount} (jeton mutualisé)`);
  } else {
    const lines = [`HTTP ${first.response.status} ${first.response.statusText}`.trim()];
    if (header) {
      lines.push(`WWW-Authenticate : ${header}`);
      for (const [k, v] of Object.entries(challenge?.params ?? {})) lines.push(`  ${k} = ${v}`);
      lines.push(`${explainApiAnswer(first.response.status, challenge).title}`);
    }
    lines.push("", first.body);
    write(io.stdout, lines.join("\n"));
  }
  return ok ? EXIT_OK : EXIT_ERROR;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (!command || command === "help" || command === "--help" || command === "-h") {
      write(command ? io.stdout : io.stderr, USAGE);
      return command ? EXIT_OK : EXIT_USAGE;
    }
    const { values, positionals } = parse(rest);
    if (values.help) {
      write(io.stdout, USAGE);
      return EXIT_OK;
    }
    if (command === "get") return await commandGet(values, positionals, io);
    if (command === "call") return await commandCall(values, positionals, io);
    throw new UsageError(`Commande inconnue : ${command}`);
  } catch (error) {
    if (error instanceof UsageError) {
      write(io.stderr, `douane-token : ${error.message}\nAide : douane-token help`);
      return EXIT_USAGE;
    }
    write(io.stderr, `douane-token : erreur inattendue : ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_ERROR;
  }
}
