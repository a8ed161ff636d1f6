import Link from "next/link";

export type Crumb = { label: string; href?: string };

/** "Accueil › Comptes API › …" — the last crumb is the current page. */
export function Breadcrumb({ items }: { items: Crumb[] }) {
  const all: Crumb[] = [{ label: "Accueil", href: "/" }, ...items];
  return (
    <nav aria-label="Fil d'Ariane" className="text-sm text-muted">
      <ol className="flex flex-wrap items-center gap-1">
        {all.map((c, i) => {
          const last = i === all.length - 1;
          return (
            <li key={`${c.label}-${i}`} className="flex items-center gap-1">
              {i > 0 && <span aria-hidden="true">›</span>}
              {last || !c.href ? (
                <span aria-current={last ? "page" : undefined} className={last ? "text-ink" : ""}>
                  {c.label}
                </span>
              ) : (
                <Link href={c.href} className="underline underline-offset-2 hover:text-marianne">
                  {c.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export function PageHeader({ crumbs, title, actions, children }: { crumbs: Crumb[]; title: string; actions?: React.ReactNode; children?: React.ReactNode }) {
  return (
    <div className="mb-6 space-y-3">
      <Breadcrumb items={crumbs} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-3xl font-bold">{title}</h1>
        {actions}
      </div>
      {children}
    </div>
  );
}
