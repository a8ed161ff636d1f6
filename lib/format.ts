/** Dates as French users read them, always in Europe/Paris. */
const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });
const dateTimeSeconds = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Paris" });

export function formatDateTime(date: Date | string | number): string {
  return dateTime.format(new Date(date));
}

export function formatDateTimeSeconds(date: Date | string | number): string {
  return dateTimeSeconds.format(new Date(date));
}
