"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { moveDemoClockAction } from "@/lib/demo-clock/actions";
import { ADVANCE_STEPS } from "@/lib/demo-clock/rules";


/** The trainer's clock, from any page: +15 min, +1 h, +4 h, back to real time; the page follows at once. */
export function BannerClockControls({ offsetMs }: { offsetMs: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const move = (input: object) =>
    startTransition(async () => {
      const result = await moveDemoClockAction(input);
      setMessage(result.ok ? (result.message ?? null) : result.message);
      router.refresh();
    });
  const button = "rounded border border-ink/40 bg-white px-2 py-0.5 text-xs font-semibold hover:bg-surface disabled:opacity-50";
  return (
    <span className="inline-flex flex-wrap items-center gap-1" role="group" aria-label="Horloge de démonstration">
      {ADVANCE_STEPS.map((s) => (
        <button key={s.minutes} type="button" className={button} disabled={pending} onClick={() => move({ action: "advance", minutes: s.minutes })}>
          {s.label}
        </button>
      ))}
      <button type="button" className={button} disabled={pending || offsetMs === 0} onClick={() => move({ action: "reset" })}>
        Heure réelle
      </button>
      <span role="status" className="sr-only">
        {message}
      </span>
    </span>
  );
}
