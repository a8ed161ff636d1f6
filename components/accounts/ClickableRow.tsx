"use client";
import { useRouter } from "next/navigation";

/** A table row that opens `href` on click; the link inside stays the keyboard path. */
export function ClickableRow({ href, children, className = "" }: { href: string; children: React.ReactNode; className?: string }) {
  const router = useRouter();
  return (
    <tr
      className={`cursor-pointer hover:bg-surface ${className}`}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest("a,button,input,select,textarea")) return;
        if (window.getSelection()?.toString()) return;
        router.push(href);
      }}
    >
      {children}
    </tr>
  );
}
