import { buttonClass } from "./Button";

/** Above a list: how many rows (announced), the page, and « Exporter en CSV » of what the filters keep. */
export function ListSummary({ total, page, pageCount, noun, exportHref }: { total: number; page: number; pageCount: number; noun: { none: string; one: string; many: string }; exportHref: string }) {
  const counted = `${total} ${total > 1 ? noun.many : noun.one}`;
  return (
    <div className="mb-2 flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-muted" aria-live="polite">
        {total === 0 ? noun.none : counted}
        {pageCount > 1 && ` — page ${page} sur ${pageCount}`}
      </p>
      {total > 0 && (
        <a href={exportHref} className={buttonClass("secondary")} download>
          Exporter en CSV
          <span className="sr-only"> ({counted}, filtres appliqués)</span>
        </a>
      )}
    </div>
  );
}
