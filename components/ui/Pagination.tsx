import Link from "next/link";

/** Server-rendered pagination; `hrefFor(page)` keeps the other query parameters. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const pages = new Set<number>([1, pageCount, page - 1, page, page + 1].filter((p) => p >= 1 && p <= pageCount));
  const sorted = [...pages].sort((a, b) => a - b);
  const linkClass = "inline-flex min-w-9 justify-center rounded px-3 py-1.5 text-sm";
  return (
    <nav aria-label="Pagination" className="mt-4">
      <ul className="flex flex-wrap items-center gap-1">
        <li>
          {page > 1 ? (
            <Link href={hrefFor(page - 1)} className={`${linkClass} text-marianne hover:bg-marianne-light`}>
              ‹ Page précédente
            </Link>
          ) : (
            <span className={`${linkClass} text-muted`} aria-disabled="true">‹ Page précédente</span>
          )}
        </li>
        {sorted.map((p, i) => (
          <li key={p} className="flex items-center gap-1">
            {i > 0 && sorted[i - 1]! < p - 1 && <span aria-hidden="true">…</span>}
            {p === page ? (
              <span aria-current="page" className={`${linkClass} bg-marianne font-semibold text-white`}>
                <span className="sr-only">Page </span>
                {p}
              </span>
            ) : (
              <Link href={hrefFor(p)} className={`${linkClass} text-marianne hover:bg-marianne-light`}>
                <span className="sr-only">Page </span>
                {p}
              </Link>
            )}
          </li>
        ))}
        <li>
          {page < pageCount ? (
            <Link href={hrefFor(page + 1)} className={`${linkClass} text-marianne hover:bg-marianne-light`}>
              Page suivante ›
            </Link>
          ) : (
            <span className={`${linkClass} text-muted`} aria-disabled="true">Page suivante ›</span>
          )}
        </li>
      </ul>
    </nav>
  );
}
