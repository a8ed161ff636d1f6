import type { ReactNode } from "react";

export type Column = string | { key: string; label: ReactNode; /** aria-sort of a sortable column */ sort?: "ascending" | "descending" | "none" };

const VARIANTS = {
  /** Admin lists (accounts, customs queue, catalogue, collaborators): framed, shaded header. */
  list: { frame: "overflow-x-auto border border-line", table: "text-left", head: "bg-surface", row: "", cell: "px-3 py-3 font-semibold" },
  /** Histories on a page (callbacks, tester runs): compact, ruled header. */
  history: { frame: "overflow-x-auto", table: "", head: "", row: "border-b-2 border-ink text-left", cell: "py-2 pr-3 last:pr-0" },
} as const;

/**
 * The console's one table: a caption for screen readers, column headers with `scope="col"`, and a
 * horizontal scroll on narrow screens. `minWidth` is a Tailwind class written out by the caller
 * (e.g. "min-w-[820px]") so the build sees it; rows are the caller's `<tr>`s.
 */
export function DataTable({
  caption,
  columns,
  minWidth,
  variant = "list",
  testId,
  stackOnMobile = false,
  children,
}: {
  caption: ReactNode;
  columns: readonly Column[];
  minWidth: string;
  variant?: keyof typeof VARIANTS;
  testId?: string;
  /** Below 640 px, each row becomes a card (cells stacked, the header kept for screen readers). */
  stackOnMobile?: boolean;
  children: ReactNode;
}) {
  const style = VARIANTS[variant];
  const stack = stackOnMobile
    ? "max-sm:min-w-0 max-sm:[&_thead]:sr-only max-sm:[&_tbody]:block max-sm:[&_tr]:mb-3 max-sm:[&_tr]:block max-sm:[&_tr]:border max-sm:[&_tr]:border-line max-sm:[&_td]:block max-sm:[&_td]:py-1.5"
    : "";
  return (
    <div className={`${style.frame} ${stackOnMobile ? "max-sm:overflow-visible max-sm:border-0" : ""}`}>
      <table className={`w-full border-collapse text-sm ${minWidth} ${style.table} ${stack}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className={style.head}>
          <tr className={style.row}>
            {columns.map((column) => {
              const { key, label, sort } = typeof column === "string" ? { key: column, label: column, sort: undefined } : column;
              return (
                <th key={key} scope="col" className={style.cell} aria-sort={sort}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
