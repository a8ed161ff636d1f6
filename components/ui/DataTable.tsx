import type { ReactNode } from "react";

export type Column = string | { key: string; label: ReactNode };

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
  children,
}: {
  caption: ReactNode;
  columns: readonly Column[];
  minWidth: string;
  variant?: keyof typeof VARIANTS;
  testId?: string;
  children: ReactNode;
}) {
  const style = VARIANTS[variant];
  return (
    <div className={style.frame}>
      <table className={`w-full border-collapse text-sm ${minWidth} ${style.table}`} data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className={style.head}>
          <tr className={style.row}>
            {columns.map((column) => {
              const { key, label } = typeof column === "string" ? { key: column, label: column } : column;
              return (
                <th key={key} scope="col" className={style.cell}>
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
