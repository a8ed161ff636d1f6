/**
 * CSV as French Excel opens it: UTF-8 with a byte-order mark, `;` between cells, CRLF between rows,
 * cells quoted when they hold `;`, `"` or a line break. A cell that a spreadsheet would read as a
 * formula (=, +, -, @, tab, CR first) is prefixed with `'` — exported data never runs (CSV injection).
 */
const BOM = "\uFEFF";
const NEEDS_QUOTES = /[;"\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(";")).join("\r\n") + "\r\n";
}

/** `comptes-api-2026-12-01.csv` — the day in Paris. */
export function csvFilename(prefix: string, at: Date): string {
  const day = new Intl.DateTimeFormat("fr-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
  return `${prefix}-${day}.csv`;
}

export function csvResponse(body: string, filename: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
