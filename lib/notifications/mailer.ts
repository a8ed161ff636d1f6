/**
 * Sends outbox messages by email with nodemailer when SMTP_URL is set (e.g.
 * smtp://127.0.0.1:2525, smtps://user:pass@smtp.entreprise.fr). Without it, messages stay in
 * the outbox only ("Messages" menu), so the demo works with no mail server.
 * SMTP_FROM sets the sender. The outcome (sentAt / sendError) is written on each message.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "../db";
import { now } from "../clock";
import { currentReplay } from "../replay";

export const DEFAULT_FROM = "Console Correspondant Entreprise <ne-pas-repondre@console-douane.demo>";

export function smtpUrl(): string | null {
  return process.env.SMTP_URL?.trim() || null;
}

const globalForMailer = globalThis as unknown as { __consoleMailer?: { url: string; transporter: Transporter } };

function transporter(url: string): Transporter {
  const cached = globalForMailer.__consoleMailer;
  if (cached && cached.url === url) return cached.transporter;
  const created = nodemailer.createTransport({ url, connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 });
  globalForMailer.__consoleMailer = { url, transporter: created };
  return created;
}

/** The SMTP error without anything that could carry credentials (URLs, auth lines). */
export function describeSendError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "[adresse masquée]").slice(0, 300);
}

/** Sends the given outbox messages (after the transaction that wrote them has committed). Never throws. */
export async function deliverOutbox(ids: readonly string[]): Promise<void> {
  const url = smtpUrl();
  // A scenario being built (lib/replay.ts) emails no one: its messages stay in the outbox.
  if (!url || ids.length === 0 || currentReplay()) return;
  const messages = await db().outboxMessage.findMany({ where: { id: { in: [...ids] }, sentAt: null } });
  const from = process.env.SMTP_FROM?.trim() || DEFAULT_FROM;
  for (const message of messages) {
    try {
      await transporter(url).sendMail({
        from,
        to: message.recipients.split(",").map((r) => r.trim()).filter(Boolean),
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      await db().outboxMessage.update({ where: { id: message.id }, data: { sentAt: now(), sendError: null } });
    } catch (error) {
      await db().outboxMessage.update({ where: { id: message.id }, data: { sendError: describeSendError(error) } });
    }
  }
}
