import Link from "next/link";

/** The "?" that links a screen to the help page explaining it. */
export function HelpLink({ href, label }: { href: string; label: string }) {
  return (
    <Link
      href={href}
      aria-label={label}
      title={label}
      className="ml-1 inline-flex h-5 w-5 items-center justify-center rounded-full border border-marianne text-xs font-bold text-marianne no-underline hover:bg-marianne-light"
    >
      ?
    </Link>
  );
}
