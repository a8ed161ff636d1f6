/**
 * The notification messages (issue 2/6 §6), in French, as plain text and HTML. Pure: the
 * outbox stores what this returns; every interpolated value is HTML-escaped; never a secret.
 */
import { formatDate, formatDateTime } from "../format";
import { formatSiret } from "../siret";

export type AccountRef = { identifiant: string; siret: string; companyName: string; link: string };

export type DecisionLine = { api: string; decision: "APPROVED" | "REFUSED"; reason?: string | null };

export type NotificationEvent =
  | { kind: "REQUEST_SUBMITTED"; account: AccountRef; apis: string[]; message?: string | null; author: string; at: Date }
  | { kind: "REQUEST_DECIDED"; account: AccountRef; decisions: DecisionLine[]; stillPending: string[]; outcome: string; at: Date }
  | { kind: "HABILITATION_REVOKED"; account: AccountRef; api: string; reason: string; at: Date }
  | { kind: "PASSWORD_CHANGED"; account: AccountRef; at: Date }
  | { kind: "EMAIL_CHANGED"; account: AccountRef; from: string; to: string; at: Date }
  | {
      kind: "URL_CHANGE_SCHEDULED";
      account: AccountRef;
      api: string;
      field: string;
      active: string | null;
      pending: string;
      effectiveAt: Date;
      contactEmail: string;
    }
  | { kind: "URL_CHANGE_EFFECTIVE"; account: AccountRef; api: string; field: string; value: string; effectiveAt: Date }
  | { kind: "ACCOUNT_DELETED"; account: AccountRef; by: string; endedHabilitations: string[]; revokedTokenCount: number; at: Date }
  | { kind: "PASSWORD_RENEWAL_REMINDER"; account: AccountRef; changedAt: Date; dueAt: Date; daysLeft: number; maxAgeDays: number };

export type NotificationKind = NotificationEvent["kind"];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  REQUEST_SUBMITTED: "Demande envoyée",
  REQUEST_DECIDED: "Décision de la douane",
  HABILITATION_REVOKED: "Habilitation révoquée",
  PASSWORD_CHANGED: "Mot de passe modifié",
  EMAIL_CHANGED: "Email modifié",
  URL_CHANGE_SCHEDULED: "Changement d'url programmé",
  URL_CHANGE_EFFECTIVE: "Nouvelle url active",
  ACCOUNT_DELETED: "Compte API supprimé",
  PASSWORD_RENEWAL_REMINDER: "Mot de passe à renouveler",
};

export type RenderedMessage = { subject: string; text: string; html: string };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A paragraph is plain text; a list is an array of lines. */
type Block = string | string[];

/** `withLink` false: the account no longer exists (its deletion), no "Voir le compte". */
function render(subject: string, account: AccountRef, blocks: Block[], withLink = true): RenderedMessage {
  const accountLine = `Compte API « ${account.identifiant} » — SIRET ${formatSiret(account.siret)} (${account.companyName})`;
  const notice = "Ce message est envoyé automatiquement par la console Correspondant Entreprise ; il est aussi consultable dans le menu Messages.";
  const footer = withLink ? [`Voir le compte : ${account.link}`, notice] : [notice];
  const textBlocks = ["Bonjour,", accountLine, ...blocks.map((b) => (Array.isArray(b) ? b.map((l) => `- ${l}`).join("\n") : b)), ...footer];
  const text = `${textBlocks.join("\n\n")}\n`;
  const htmlBlocks = blocks
    .map((b) =>
      Array.isArray(b)
        ? `<ul>${b.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`
        : `<p>${escapeHtml(b)}</p>`,
    )
    .join("\n");
  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: Arial, sans-serif; color: #161616; line-height: 1.5">
<p>Bonjour,</p>
<p><strong>${escapeHtml(accountLine)}</strong></p>
${htmlBlocks}
${withLink ? `<p><a href="${escapeHtml(account.link)}">Voir le compte dans la console</a></p>\n` : ""}<p style="color: #595959; font-size: 0.9em">${escapeHtml(notice)}</p>
</body></html>
`;
  return { subject, text, html };
}

export function renderNotification(event: NotificationEvent): RenderedMessage {
  const a = event.account;
  switch (event.kind) {
    case "REQUEST_SUBMITTED":
      return render(`Demande d'habilitation envoyée — ${a.identifiant} (SIRET ${formatSiret(a.siret)})`, a, [
        `${event.author} a demandé à la douane, le ${formatDateTime(event.at)}, l'habilitation du compte sur :`,
        event.apis,
        ...(event.message ? [`Message joint : ${event.message}`] : []),
        "Le service de certification de la douane va examiner la demande ; vous serez prévenu de sa décision.",
      ]);
    case "REQUEST_DECIDED":
      return render(`Décision de la douane sur la demande d'habilitation — ${a.identifiant}`, a, [
        `Le service de certification de la douane a rendu sa décision le ${formatDateTime(event.at)} :`,
        event.decisions.map((d) =>
          d.decision === "APPROVED" ? `${d.api} : habilitation accordée` : `${d.api} : habilitation refusée — motif : ${d.reason ?? "non précisé"}`,
        ),
        ...(event.stillPending.length > 0 ? [`Encore en attente d'une décision : ${event.stillPending.join(", ")}.`] : []),
        `État de la demande : ${event.outcome}.`,
        ...(event.decisions.some((d) => d.decision === "APPROVED")
          ? ["Pour chaque API accordée, renseignez ses données (url, token…) dans la section « API habilitées » du compte."]
          : []),
      ]);
    case "HABILITATION_REVOKED":
      return render(`Habilitation ${event.api} révoquée — ${a.identifiant}`, a, [
        `La douane a révoqué le ${formatDateTime(event.at)} l'habilitation du compte sur l'API ${event.api}.`,
        `Motif : ${event.reason}`,
        "Le compte ne peut plus appeler cette API. Pour la retrouver, déposez une nouvelle demande d'habilitation.",
      ]);
    case "PASSWORD_CHANGED":
      return render(`Mot de passe du compte API ${a.identifiant} modifié`, a, [
        `Le mot de passe du compte a été changé le ${formatDateTime(event.at)}. Le changement est immédiat : l'ancien mot de passe ne permet plus d'obtenir de jeton et les jetons en cours ont été révoqués.`,
        "Si vous n'êtes pas à l'origine de ce changement, prévenez sans délai un correspondant entreprise de votre SIRET.",
      ]);
    case "EMAIL_CHANGED":
      return render(`Email du compte API ${a.identifiant} modifié`, a, [
        `L'email du compte a été changé le ${formatDateTime(event.at)} :`,
        [`ancienne adresse : ${event.from}`, `nouvelle adresse : ${event.to}`],
        "Les prochaines notifications iront à la nouvelle adresse.",
      ]);
    case "URL_CHANGE_SCHEDULED":
      return render(`Changement d'url programmé — ${event.api} — ${a.identifiant}`, a, [
        `Un changement ${event.field === "url" ? "de l'url" : `du champ « ${event.field} »`} de l'API ${event.api} a été enregistré. Il n'est pas immédiat : il prendra effet au plus tard le ${formatDateTime(event.effectiveAt)} (heure de Paris).`,
        [`url active jusque-là : ${event.active ?? "aucune"}`, `nouvelle url : ${event.pending}`],
        `Le domaine de la nouvelle adresse doit être ouvert sur le réseau de la douane : planifiez le changement avec le contact douanier de l'API (${event.contactEmail}).`,
      ]);
    case "URL_CHANGE_EFFECTIVE":
      return render(`Nouvelle url active — ${event.api} — ${a.identifiant}`, a, [
        `Depuis le ${formatDateTime(event.effectiveAt)} (heure de Paris), la douane utilise ${event.field === "url" ? "la nouvelle url" : `la nouvelle valeur du champ « ${event.field} »`} de l'API ${event.api} pour ses appels retours :`,
        [event.value],
      ]);
    case "PASSWORD_RENEWAL_REMINDER":
      return render(
        event.daysLeft > 0
          ? `Mot de passe du compte API ${a.identifiant} à renouveler avant le ${formatDate(event.dueAt)}`
          : `Mot de passe du compte API ${a.identifiant} à renouveler aujourd'hui`,
        a,
        [
          `Le mot de passe du compte a été modifié le ${formatDateTime(event.changedAt)}. La période de renouvellement de cette console est de ${event.maxAgeDays} jours : ${
            event.daysLeft > 0 ? `il est à renouveler d'ici le ${formatDate(event.dueAt)} (dans ${event.daysLeft} jour${event.daysLeft > 1 ? "s" : ""})` : `la date de renouvellement est atteinte (${formatDate(event.dueAt)})`
          }.`,
          "La console ne bloque jamais un mot de passe pour son âge : le renouvellement reste la décision de l'opérateur.",
          "Attention : le changement de mot de passe est effectif immédiatement. Mettez à jour au même moment tous les systèmes qui utilisent ce compte, sinon ils ne pourront plus obtenir de jeton.",
        ],
      );
    case "ACCOUNT_DELETED":
      return render(
        `Compte API ${a.identifiant} supprimé`,
        a,
        [
          `${event.by} a supprimé le compte API le ${formatDateTime(event.at)}. La suppression est immédiate :`,
          [
            event.revokedTokenCount > 0
              ? `${event.revokedTokenCount} jeton${event.revokedTokenCount > 1 ? "s" : ""} en cours révoqué${event.revokedTokenCount > 1 ? "s" : ""} : le compte ne peut plus appeler les API de la douane`
              : "aucun jeton n'était en cours ; le compte ne peut plus en obtenir",
            event.endedHabilitations.length > 0 ? `habilitations terminées : ${event.endedHabilitations.join(", ")}` : "le compte n'avait aucune habilitation active",
            `le SIRET ${formatSiret(a.siret)} peut de nouveau recevoir un compte API`,
          ],
          "Si vous n'êtes pas à l'origine de cette suppression, prévenez sans délai un correspondant entreprise de votre SIRET.",
        ],
        false,
      );
  }
}
