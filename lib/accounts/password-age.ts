/**
 * The API account password's life cycle (issue 14 §6–7), pure: its age as people read it, and —
 * when the deployment sets a renewal period (API_PASSWORD_MAX_AGE_DAYS) — its renewal date and the
 * reminders due. The console never blocks a password for its age (the guide leaves renewal to the
 * operator): it reminds, 30 days and 7 days before, and on the day. Instants are passed in.
 */
const DAY_MS = 24 * 3_600_000;

/** The period the demo run command sets (Chorus Pro's technical users: 424 days); deployments set their own or none. */
export const DEMO_PASSWORD_MAX_AGE_DAYS = 424;

/** The reminders, in the order they come; each is sent once per password (its change date). */
export const REMINDER_STAGES = [
  { stage: "D30", daysBefore: 30, label: "dans 30 jours" },
  { stage: "D7", daysBefore: 7, label: "dans 7 jours" },
  { stage: "D0", daysBefore: 0, label: "aujourd'hui" },
] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number]["stage"];

/** API_PASSWORD_MAX_AGE_DAYS: a whole number of days from 1 to 3650, or off (null) when unset or invalid. */
export function maxAgeDaysFrom(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === "") return null;
  if (!/^\d+$/.test(raw.trim())) return null;
  const days = Number(raw.trim());
  return days >= 1 && days <= 3650 ? days : null;
}

/** « modifié il y a 14 mois », « modifié il y a 3 jours », « modifié aujourd'hui ». */
export function describePasswordAge(changedAtMs: number, nowMs: number): string {
  const elapsed = Math.max(0, nowMs - changedAtMs);
  const days = Math.floor(elapsed / DAY_MS);
  if (days === 0) return "modifié aujourd'hui";
  if (days === 1) return "modifié hier";
  if (days < 31) return `modifié il y a ${days} jours`;
  const MONTH_MS = 30.4375 * DAY_MS;
  const YEAR_MS = 365.25 * DAY_MS;
  if (elapsed < YEAR_MS) return `modifié il y a ${Math.floor(elapsed / MONTH_MS)} mois`;
  const years = Math.floor(elapsed / YEAR_MS);
  const rest = Math.floor((elapsed - years * YEAR_MS) / MONTH_MS);
  return `modifié il y a ${years} an${years > 1 ? "s" : ""}${rest > 0 ? ` et ${rest} mois` : ""}`;
}

export type Renewal = {
  dueAtMs: number;
  /** Whole days left until the renewal date (negative once past it). */
  daysLeft: number;
  /** Within 30 days of the date, or past it: « mot de passe à renouveler ». */
  toRenew: boolean;
  overdue: boolean;
};

export function renewalOf(changedAtMs: number, maxAgeDays: number | null, nowMs: number): Renewal | null {
  if (maxAgeDays === null) return null;
  const dueAtMs = changedAtMs + maxAgeDays * DAY_MS;
  const daysLeft = Math.ceil((dueAtMs - nowMs) / DAY_MS);
  return { dueAtMs, daysLeft, toRenew: nowMs >= dueAtMs - REMINDER_STAGES[0].daysBefore * DAY_MS, overdue: nowMs >= dueAtMs };
}

/** « à renouveler avant le … (dans 7 jours) », « à renouveler depuis le … ». */
export function describeRenewal(renewal: Renewal, formatDate: (ms: number) => string): string {
  if (renewal.overdue) return `à renouveler depuis le ${formatDate(renewal.dueAtMs)}`;
  const left = renewal.daysLeft <= 1 ? "demain" : `dans ${renewal.daysLeft} jours`;
  return `à renouveler avant le ${formatDate(renewal.dueAtMs)} (${left})`;
}

/**
 * The reminder due now, if any: the latest stage whose time has come. A password changed meanwhile
 * starts a new cycle (its change date is part of the key). Stages already sent are skipped; an older
 * stage never comes after a newer one (an account found late gets the latest reminder only).
 */
export function reminderDue(changedAtMs: number, maxAgeDays: number | null, nowMs: number, sent: readonly ReminderStage[]): ReminderStage | null {
  if (maxAgeDays === null) return null;
  const dueAtMs = changedAtMs + maxAgeDays * DAY_MS;
  let due: ReminderStage | null = null;
  for (const s of REMINDER_STAGES) if (nowMs >= dueAtMs - s.daysBefore * DAY_MS) due = s.stage;
  if (due === null) return null;
  const order = REMINDER_STAGES.map((s) => s.stage);
  const latestSent = Math.max(-1, ...sent.map((s) => order.indexOf(s)));
  return order.indexOf(due) > latestSent ? due : null;
}

/** The earliest change date whose reminder (first stage) may be due now: what the sweep queries. */
export function oldestChangeNeedingReminderMs(maxAgeDays: number, nowMs: number): number {
  return nowMs - (maxAgeDays - REMINDER_STAGES[0].daysBefore) * DAY_MS;
}
