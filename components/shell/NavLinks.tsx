"use client";
import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; label: string; count?: { value: number; label: string } };

/** The pages are rendered on the server: while one is on its way, the clicked menu entry says so. */
function PendingUnderline() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden="true"
      data-testid={pending ? "nav-pending" : undefined}
      className={`pointer-events-none absolute inset-x-0 -bottom-0.5 h-0.5 bg-marianne motion-safe:animate-pulse ${pending ? "" : "hidden"}`}
    />
  );
}

export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col sm:flex-row sm:flex-wrap">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={`relative block border-b-2 px-4 py-3 text-sm font-semibold tracking-wide hover:bg-surface ${
                current ? "border-marianne text-marianne" : "border-transparent text-ink"
              }`}
            >
              {item.label}
              {item.count && (
                <span className="ml-2 inline-flex min-w-5 items-center justify-center rounded-full bg-marianne px-1.5 text-xs font-bold text-white" data-testid="nav-count" data-count={item.count.value}>
                  <span aria-hidden="true">{item.count.value}</span>
                  <span className="sr-only">, {item.count.label}</span>
                </span>
              )}
              <PendingUnderline />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
