"use client";
import { useId, useState } from "react";

/**
 * On narrow screens (< 640 px) the main menu hides behind « Menu » (aria-expanded); on wider ones it
 * is always shown. It closes itself when a page is opened, and on Escape.
 */
export function MobileMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) setOpen(false);
      }}
      onClick={(event) => {
        // A menu entry opens its page: the menu closes behind it.
        if ((event.target as HTMLElement).closest("a")) setOpen(false);
      }}
    >
      <button
        type="button"
        className="m-2 inline-flex items-center gap-2 border border-line px-3 py-2 text-sm font-semibold sm:hidden"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((v) => !v)}
      >
        <span aria-hidden="true">{open ? "✕" : "☰"}</span> Menu
      </button>
      <div id={id} className={`${open ? "block" : "hidden"} sm:block`}>
        {children}
      </div>
    </div>
  );
}
