/**
 * The second line of an account's status (pure, the instant passed in): what is still pending,
 * whatever the colour — red does not tell whether nothing was asked, a request waits at customs, or
 * it was refused; green does not tell that a new url is about to take effect. One wording
 * everywhere (the list, the account's header).
 */
import { formatDate, formatDateTime } from "../format";
import { formatRemaining } from "../countdown";

export type StateFacts = {
  /** The oldest request still waiting for customs. */
  pendingSince: Date | null;
  /** The APIs refused by the latest decided request, when no request is pending after it. */
  refusals: readonly { api: string; at: Date; reason: string | null }[];
  /** Url changes scheduled and not yet in force. */
  pendingUrls: readonly { api: string; effectiveAt: Date }[];
};

export type StateLine = { kind: "pending" | "refused" | "url"; text: string; title?: string };

export function stateLines(facts: StateFacts, atMs: number): StateLine[] {
  const lines: StateLine[] = [];
  if (facts.pendingSince) {
    lines.push({ kind: "pending", text: `Demande en attente depuis le ${formatDate(facts.pendingSince)}`, title: formatDateTime(facts.pendingSince) });
  }
  for (const r of facts.refusals) {
    lines.push({ kind: "refused", text: `${r.api} refusée le ${formatDate(r.at)}${r.reason ? ` : ${r.reason}` : ""}` });
  }
  for (const u of facts.pendingUrls) {
    const left = u.effectiveAt.getTime() - atMs;
    if (left > 0) lines.push({ kind: "url", text: `url ${u.api} active dans ${formatRemaining(left)}`, title: `au plus tard le ${formatDateTime(u.effectiveAt)}` });
  }
  return lines;
}

type RequestFacts = { status: string; createdAt: Date; decidedAt: Date | null; items: { decision: string; reason: string | null; decidedAt: Date | null; api: { name: string } }[] };

/** The facts of one account, from its requests (newest first) and its url field values. */
export function stateFactsOf(
  requests: readonly RequestFacts[],
  urls: readonly { apiName: string; pendingValue: string | null; pendingEffectiveAt: Date | null }[],
  atMs: number,
): StateFacts {
  const pending = requests.filter((r) => r.status === "SUBMITTED");
  const pendingSince = pending.length > 0 ? pending.reduce((a, b) => (a.createdAt < b.createdAt ? a : b)).createdAt : null;
  const latestDecided = requests.find((r) => r.status === "REFUSED" || r.status === "PARTIALLY_APPROVED" || r.status === "APPROVED");
  const refusals =
    latestDecided && !pending.some((p) => p.createdAt > latestDecided.createdAt)
      ? latestDecided.items
          .filter((i) => i.decision === "REFUSED")
          .map((i) => ({ api: i.api.name, at: i.decidedAt ?? latestDecided.decidedAt ?? latestDecided.createdAt, reason: i.reason }))
      : [];
  const pendingUrls = urls
    .filter((u) => u.pendingValue && u.pendingEffectiveAt && u.pendingEffectiveAt.getTime() > atMs)
    .map((u) => ({ api: u.apiName, effectiveAt: u.pendingEffectiveAt! }));
  return { pendingSince, refusals, pendingUrls };
}
