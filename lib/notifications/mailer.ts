/**
 * The SMTP side of the outbox: nodemailer when SMTP_URL is set (e.g. smtp://127.0.0.1:2525,
 * smtps://user:pass@smtp.entreprise.fr). Without it, messages stay in the outbox only ("Messages"
 * menu), so the demo works with no mail server. SMTP_FROM sets the sender. Sending is the relay's
 * work (./relay.ts), never a page's nor an action's.
 */
import nodemailer, { type Transporter } from "nodemailer";

export const DEFAULT_FROM = "Console Correspondant Entreprise <ne-pas-repondre@console-douane.demo>";

export function smtpUrl(): string | null {
  return process.env.SMTP_URL?.trim() || null;
}

export function smtpFrom(): string {
  return process.env.SMTP_FROM?.trim() || DEFAULT_FROM;
}

const globalForMailer = globalThis as unknown as { __consoleMailer?: { url: string; transporter: Transporter } };

export function transporter(url: string): Transporter {
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
