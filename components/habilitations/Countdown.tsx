"use client";
import { useEffect, useRef, useState } from "react";
import { consoleClockFrom, formatRemaining, remainingMs } from "@/lib/countdown";

/**
 * A live countdown to `targetIso` on the console's clock: starts from the server's now
 * (`serverNowMs`) and advances with a monotonic timer — never the browser's wall clock.
 * `role="timer"` is not announced on every tick; the absolute time is written next to it.
 */
export function Countdown({ targetIso, serverNowMs, onElapsed }: { targetIso: string; serverNowMs: number; onElapsed?: () => void }) {
  const target = Date.parse(targetIso);
  const [remaining, setRemaining] = useState(() => remainingMs(target, serverNowMs));
  const elapsed = useRef(onElapsed);
  useEffect(() => {
    elapsed.current = onElapsed;
  });

  useEffect(() => {
    const clock = consoleClockFrom(serverNowMs);
    let done = false;
    const tick = () => {
      const left = remainingMs(target, clock());
      setRemaining(left);
      if (left === 0 && !done) {
        done = true;
        window.clearInterval(id);
        elapsed.current?.();
      }
    };
    const id = window.setInterval(tick, 1000);
    return () => window.clearInterval(id);
  }, [target, serverNowMs]);

  return (
    <span role="timer" aria-live="off" data-testid="countdown" className="font-mono tabular-nums">
      {remaining > 0 ? formatRemaining(remaining) : "0 s"}
    </span>
  );
}
