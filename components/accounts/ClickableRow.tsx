"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/** A table row that opens `href` on click; the link inside stays the keyboard path. */
export function ClickableRow({ href, children, className = "" }: { href: string; children: React.ReactNode; className?: string }) {
  const router = useRouter();
  // The account page is rendered on the server: the row shows it is opening until it arrives.
  const [opening, startTransition] = useTransition();
  return (
    <tr
      aria-busy={opening || undefined}
      className={`cursor-pointer hover:bg-surface ${opening ? "cursor-progress bg-surface opacity-70" : ""} ${className}`}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest("a,button,input,select,textarea")) return;
        if (window.getSelection()?.toString()) return;
        startTransition(() => router.push(href));
      }}
    >
      {children}
    </tr>
  );
}
