"use client";
import { useEffect, useState } from "react";

export type AccountSection = { id: string; label: string };

/**
 * « Sections du compte »: anchors to each part of the (long) account page, kept at the top of the
 * screen while scrolling; the part in view is marked (aria-current) as the reader moves.
 */
export function AccountSectionsNav({ sections }: { sections: AccountSection[] }) {
  const [current, setCurrent] = useState<string | null>(null);
  useEffect(() => {
    const targets = sections.map((s) => document.getElementById(s.id)?.closest("section")).filter((e): e is HTMLElement => Boolean(e));
    // The section reached through an anchor stays "here" while it is on screen (at the bottom of
    // the page, the one above it may still cross the upper part).
    let anchored: string | null = null;
    const fromHash = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (!sections.some((s) => s.id === id)) return;
      anchored = id;
      setCurrent(id);
    };
    fromHash();
    window.addEventListener("hashchange", fromHash);
    if (targets.length === 0 || typeof IntersectionObserver === "undefined") return () => window.removeEventListener("hashchange", fromHash);
    // Which sections cross the upper part of the screen; the first of them is "here".
    const inView = new Set<string>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const id = e.target.getAttribute("aria-labelledby");
          if (!id) continue;
          if (e.isIntersecting) inView.add(id);
          else inView.delete(id);
          if (id === anchored && !e.isIntersecting) anchored = null;
        }
        if (anchored && inView.has(anchored)) return setCurrent(anchored);
        const first = sections.find((s) => inView.has(s.id));
        if (first) setCurrent(first.id);
      },
      { rootMargin: "-80px 0px 0px 0px" },
    );
    for (const t of targets) observer.observe(t);
    return () => {
      observer.disconnect();
      window.removeEventListener("hashchange", fromHash);
    };
  }, [sections]);

  return (
    <nav aria-label="Sections du compte" className="no-print sticky top-0 z-10 -mx-2 mb-6 border-b border-line bg-white/95 px-2 py-2 backdrop-blur">
      <ul className="flex gap-1 overflow-x-auto text-sm">
        {sections.map((s) => (
          <li key={s.id} className="shrink-0">
            <a
              href={`#${s.id}`}
              aria-current={current === s.id ? "location" : undefined}
              className="block px-3 py-1.5 underline-offset-2 hover:underline aria-[current=location]:border-b-2 aria-[current=location]:border-marianne aria-[current=location]:font-semibold aria-[current=location]:text-marianne"
            >
              {s.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
