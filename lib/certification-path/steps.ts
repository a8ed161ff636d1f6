/**
 * The certification path of an API account ("Parcours de certification", issue 5/6 §3): the
 * guide's steps in order, each ticked from real data with the date it was reached. Pure: the
 * facts are read by ./data.ts; the dates are formatted by the caller.
 *
 * A step is done when its evidence exists, whatever the other steps (a token can be obtained
 * before the habilitation is granted); the "next step" is the first one not done.
 */
import type { StatusLevel } from "../habilitations/status";

export type StepKey = "created" | "requested" | "approved" | "complete" | "urlActive" | "token" | "apiCall" | "callback" | "dh7Exchange";

/** Environments whose tokens count for certification: the console's simulator and customs' Formation. */
export const CERTIFICATION_ENVIRONMENTS: Readonly<Record<string, string>> = { simulateur: "Simulateur", formation: "Formation" };

export type RequestFact = {
  createdAt: Date;
  status: "SUBMITTED" | "APPROVED" | "PARTIALLY_APPROVED" | "REFUSED" | "WITHDRAWN";
  items: { api: string; decision: "PENDING" | "APPROVED" | "REFUSED" | "WITHDRAWN"; reason: string | null; decidedAt: Date | null }[];
};

export type UrlFact = {
  api: string;
  /** The url in force now (activeUrlFor), null if none yet. */
  active: string | null;
  /** When it took effect, when known. */
  activeSince: Date | null;
  pending: { value: string; effectiveAt: Date } | null;
};

export type TokenRunFact = { at: Date; environment: string; outcome: string; apiCallUrl: string | null; apiCallStatus: number | null };

export type CallbackFact =
  /** Received by the console's demo receiver; `tokenValid`: it presented the account's token. */
  | { kind: "received"; at: Date; api: string | null; tokenValid: boolean }
  /** A test callback sent to the account's url; `status`: the HTTP status answered (null: no answer). */
  | { kind: "sent"; at: Date; api: string | null; status: number | null };

/**
 * The DeltaH7 exchange (issue 15 §6): the operator's software sent a Creation_H7 and customs'
 * Response_H7 reached its system. Only for an account habilitated on DeltaH7.
 */
export type Dh7ExchangeFact = {
  /** The first declaration the account sent (acknowledged by the simulator). */
  firstDeclarationAt: Date | null;
  /** The first Response_H7 to a declaration that the operator's system answered 2xx. */
  firstResponseDelivered: { at: Date; status: number | null; mrn: string | null } | null;
  /** Otherwise, the latest Response_H7 owed, to say where it stands. */
  latestResponse: { state: "PENDING" | "SENT" | "FAILED"; attempts: number; lastStatus: number | null; lastError: string | null } | null;
  /** Error_H7 callbacks delivered (a functional error is an answer, not the accepted loop). */
  errorsDelivered: number;
};

export type PathFacts = {
  accountCreatedAt: Date;
  requests: readonly RequestFact[];
  /** Active habilitations. */
  habilitations: readonly { api: string; grantedAt: Date }[];
  status: { level: StatusLevel; since: Date | null; missing: readonly string[] };
  /** One per url field of each active habilitation. */
  urls: readonly UrlFact[];
  tokenRuns: readonly TokenRunFact[];
  callbacks: readonly CallbackFact[];
  /** Null: the account is not habilitated on DeltaH7, the step is not part of its path. */
  dh7: Dh7ExchangeFact | null;
};

export type PathStep = {
  key: StepKey;
  title: string;
  /** The "?" explanation: what the step is and how it is detected. */
  help: string;
  done: boolean;
  /** When the step was reached (null: not done, or date unknown). */
  at: Date | null;
  /** Done: what proves it. */
  detail: string | null;
  /** Not done: what is awaited or what to do next. */
  todo: string | null;
};

export type CertificationPath = { steps: PathStep[]; doneCount: number; total: number; nextKey: StepKey | null };

type DateFormatter = (date: Date) => string;

type Evidence = { done: boolean; at: Date | null; detail: string | null; todo: string | null };

export const STEP_DEFINITIONS: readonly { key: StepKey; title: string; help: string }[] = [
  {
    key: "created",
    title: "Compte API créé",
    help: "Le correspondant entreprise a créé le compte API technique du SIRET (identifiant, email dédié, mot de passe).",
  },
  {
    key: "requested",
    title: "Habilitation demandée",
    help: "Une demande d'habilitation (SIRET, identifiant, API voulues) a été envoyée au service de certification de la douane.",
  },
  {
    key: "approved",
    title: "Habilitation accordée",
    help: "La douane a accordé au moins une API : le compte a des droits (une habilitation révoquée ne compte plus).",
  },
  {
    key: "complete",
    title: "Données complètes (statut vert)",
    help: "Chaque API habilitée a toutes ses données obligatoires (url, token…) : le compte est au statut vert. Date : le passage au vert.",
  },
  {
    key: "urlActive",
    title: "URL active",
    help: "L'url d'appels retours de chaque API habilitée est en vigueur — celle que la douane utilise maintenant, pas une url encore en attente de son délai d'activation.",
  },
  {
    key: "token",
    title: "Jeton obtenu (Simulateur ou Formation)",
    help: "Un test du testeur de jeton a obtenu un jeton OAuth 2.0 avec l'identifiant du compte, sur le simulateur de cette console ou sur l'environnement de Formation de la douane.",
  },
  {
    key: "apiCall",
    title: "Appel d'API authentifié réussi",
    help: "Dans un test du testeur de jeton, l'appel d'une API avec ce jeton (Authorization: Bearer) a répondu avec un statut 2xx.",
  },
  {
    key: "callback",
    title: "Appel retour de test reçu",
    help: "Un appel retour de test de la douane a atteint l'url active du compte : reçu par le récepteur de démonstration avec le bon token, ou réponse 2xx de votre système.",
  },
  {
    key: "dh7Exchange",
    title: "Échange DeltaH7 complet (déclaration envoyée, réponse reçue)",
    help: "Votre logiciel a déposé une déclaration Creation_H7 (POST /dh7/declarations/creer avec le jeton du compte) et la réponse Response_H7 de la douane a atteint l'url active de DeltaH7 : votre système (ou le récepteur de démonstration) a répondu 2xx. Étape présente seulement pour un compte habilité à DeltaH7.",
  },
];

const earliest = <T extends { at: Date }>(items: readonly T[]): T | null =>
  items.reduce<T | null>((best, item) => (best === null || item.at.getTime() < best.at.getTime() ? item : best), null);

const is2xx = (status: number | null): status is number => status !== null && status >= 200 && status <= 299;

const names = (list: readonly string[]) => [...new Set(list)].join(", ");

export function certificationPath(facts: PathFacts, format: DateFormatter): CertificationPath {
  const evidence: Record<StepKey, Evidence | null> = {
    created: { done: true, at: facts.accountCreatedAt, detail: null, todo: null },
    requested: requested(facts),
    approved: approved(facts, format),
    complete: complete(facts),
    urlActive: urlActive(facts, format),
    token: token(facts, format),
    apiCall: apiCall(facts),
    callback: callback(facts),
    dh7Exchange: facts.dh7 ? dh7Exchange(facts.dh7) : null,
  };
  const steps = STEP_DEFINITIONS.flatMap((d) => {
    const e = evidence[d.key];
    return e ? [{ ...d, ...e }] : [];
  });
  const doneCount = steps.filter((s) => s.done).length;
  return { steps, doneCount, total: steps.length, nextKey: steps.find((s) => !s.done)?.key ?? null };
}

function requested(facts: PathFacts) {
  const first = earliest(facts.requests.map((r) => ({ ...r, at: r.createdAt })));
  if (!first) return { done: false, at: null, detail: null, todo: "Demandez une habilitation depuis la page du compte (section « Demandes d'habilitation »)." };
  return { done: true, at: first.at, detail: names(first.items.map((i) => i.api)), todo: null };
}

function approved(facts: PathFacts, format: DateFormatter) {
  if (facts.habilitations.length > 0) {
    const first = earliest(facts.habilitations.map((h) => ({ at: h.grantedAt })))!;
    return { done: true, at: first.at, detail: names(facts.habilitations.map((h) => h.api)), todo: null };
  }
  const pending = facts.requests.filter((r) => r.status === "SUBMITTED");
  if (pending.length > 0) {
    const oldest = earliest(pending.map((r) => ({ ...r, at: r.createdAt })))!;
    const apis = names(pending.flatMap((r) => r.items.filter((i) => i.decision === "PENDING").map((i) => i.api)));
    return { done: false, at: null, detail: null, todo: `Demande en attente de la douane depuis le ${format(oldest.at)} (${apis}).` };
  }
  const refusals = facts.requests.flatMap((r) => r.items.filter((i) => i.decision === "REFUSED" && i.decidedAt).map((i) => ({ ...i, at: i.decidedAt! })));
  const last = refusals.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  if (last) {
    return { done: false, at: null, detail: null, todo: `${last.api} refusée le ${format(last.at)}${last.reason ? ` : « ${last.reason} »` : ""}. Une nouvelle demande est possible.` };
  }
  return { done: false, at: null, detail: null, todo: "Attend une demande d'habilitation." };
}

function complete(facts: PathFacts) {
  if (facts.status.level === "green") return { done: true, at: facts.status.since, detail: null, todo: null };
  if (facts.status.level === "yellow") return { done: false, at: null, detail: null, todo: `À renseigner : ${facts.status.missing.join(" ; ")}.` };
  return { done: false, at: null, detail: null, todo: "Nécessite une habilitation accordée, puis les données de chaque API." };
}

function urlActive(facts: PathFacts, format: DateFormatter) {
  if (facts.habilitations.length === 0 || facts.urls.length === 0) {
    return { done: false, at: null, detail: null, todo: "Nécessite une habilitation accordée et son url." };
  }
  const pendingText = facts.urls
    .filter((u) => u.pending)
    .map((u) => `nouvelle url ${u.api} active au plus tard le ${format(u.pending!.effectiveAt)}`);
  const inactive = facts.urls.filter((u) => u.active === null);
  if (inactive.length > 0) {
    const waiting = inactive.filter((u) => u.pending);
    const todo =
      waiting.length === inactive.length
        ? `En attente du délai d'activation : ${pendingText.join(" ; ")}.`
        : `Renseignez l'url de : ${names(inactive.filter((u) => !u.pending).map((u) => u.api))}.`;
    return { done: false, at: null, detail: null, todo };
  }
  const since = facts.urls.map((u) => u.activeSince);
  const at = since.every((d): d is Date => d !== null) ? new Date(Math.max(...since.map((d) => d.getTime()))) : null;
  const detail = facts.urls.map((u) => `${u.api} : ${u.active}`).join(" ; ") + (pendingText.length > 0 ? ` (${pendingText.join(" ; ")})` : "");
  return { done: true, at, detail, todo: null };
}

/** Successful token tests on Simulateur or Formation since the account exists (an older one was another account's). */
const certifying = (facts: PathFacts) =>
  facts.tokenRuns.filter(
    (r) => r.outcome === "success" && Object.hasOwn(CERTIFICATION_ENVIRONMENTS, r.environment) && r.at.getTime() >= facts.accountCreatedAt.getTime(),
  );

function token(facts: PathFacts, format: DateFormatter) {
  const first = earliest(certifying(facts));
  if (first) return { done: true, at: first.at, detail: CERTIFICATION_ENVIRONMENTS[first.environment] ?? null, todo: null };
  const last = [...facts.tokenRuns].sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  const tail = last ? ` Dernier test le ${format(last.at)} : ${last.outcome === "success" ? "réussi hors Simulateur et Formation" : "échec"}.` : "";
  return { done: false, at: null, detail: null, todo: `Lancez le testeur de jeton (Simulateur ou Formation) avec l'identifiant et le mot de passe du compte.${tail}` };
}

function apiCall(facts: PathFacts) {
  const first = earliest(certifying(facts).filter((r) => is2xx(r.apiCallStatus)));
  if (first) {
    return { done: true, at: first.at, detail: `${first.apiCallUrl ?? "API"} → ${first.apiCallStatus} (${CERTIFICATION_ENVIRONMENTS[first.environment]})`, todo: null };
  }
  return {
    done: false,
    at: null,
    detail: null,
    todo: "Dans le testeur de jeton, indiquez l'URL d'une API habilitée (par exemple …/dh7/declarations) : l'appel avec le jeton doit répondre 2xx.",
  };
}

function callback(facts: PathFacts) {
  // The demo receiver's proof (the token was checked) first; otherwise the operator's system answering 2xx.
  const received = facts.callbacks.filter((c) => c.kind === "received" && c.tokenValid);
  const answered = facts.callbacks.filter((c) => c.kind === "sent" && is2xx(c.status));
  const first = earliest(received) ?? earliest(answered);
  if (first) {
    const api = first.api ? `${first.api} : ` : "";
    const detail = first.kind === "received" ? `${api}reçu par le récepteur de démonstration, token valide` : `${api}votre système a répondu ${first.status}`;
    return { done: true, at: first.at, detail, todo: null };
  }
  return { done: false, at: null, detail: null, todo: "Envoyez un appel retour de test vers l'url active (section « API habilitées »)." };
}

const attemptsText = (n: number) => `${n} tentative${n > 1 ? "s" : ""}`;

/** What the operator's system last answered: its HTTP status, or why there was none. */
const lastAnswer = (r: { lastStatus: number | null; lastError: string | null }) => (r.lastStatus !== null ? `HTTP ${r.lastStatus}` : (r.lastError ?? "pas de réponse"));

function dh7Exchange(fact: Dh7ExchangeFact): Evidence {
  const delivered = fact.firstResponseDelivered;
  if (delivered) {
    const answer = delivered.status === null ? "réponse reçue" : `réponse reçue par votre système (HTTP ${delivered.status})`;
    return { done: true, at: delivered.at, detail: `Response_H7${delivered.mrn ? ` (MRN ${delivered.mrn})` : ""} : ${answer}`, todo: null };
  }
  if (!fact.firstDeclarationAt) {
    const errors = fact.errorsDelivered > 0 ? " Seuls des Error_H7 ont été reçus : déposez une déclaration avec un nouveau LRN." : "";
    return {
      done: false,
      at: null,
      detail: null,
      todo: `Déposez une déclaration Creation_H7 (POST /dh7/declarations/creer sur l'hôte API, avec le jeton du compte) : la douane répond à l'url active de DeltaH7.${errors}`,
    };
  }
  const latest = fact.latestResponse;
  if (latest?.state === "FAILED") {
    return {
      done: false,
      at: null,
      detail: null,
      todo: `La réponse Response_H7 n'a pas pu être remise (${lastAnswer(latest)}, ${attemptsText(latest.attempts)}) : vérifiez l'url active et le token de DeltaH7, puis « Renvoyer » dans « Appels retours de la douane ».`,
    };
  }
  if (latest?.state === "PENDING") {
    const tail = latest.attempts > 0 ? ` (${attemptsText(latest.attempts)}, dernière : ${lastAnswer(latest)})` : "";
    return { done: false, at: null, detail: null, todo: `Déclaration reçue ; la réponse Response_H7 est en cours d'envoi vers l'url active de DeltaH7${tail}.` };
  }
  const errors = fact.errorsDelivered > 0 ? " (la douane a répondu par un Error_H7, par exemple un LRN déjà utilisé)" : "";
  return { done: false, at: null, detail: null, todo: `Déclaration reçue sans réponse acceptée${errors} : déposez une déclaration valide avec un nouveau LRN.` };
}
