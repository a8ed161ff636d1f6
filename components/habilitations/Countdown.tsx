"use client";
import { useEffect, useRef } from "react";
import { useConsoleNow } from "@/lib/client-clock";
import { formatRemaining, remainingMs } from "@/lib/countdown";

/**
 * A live countdown to `targetIso` on the console's clock (demo clock included): the server sends
 * its now(), lib/client-clock.ts ticks from there — never the browser's clock alone.
 * `role="timer"` is not announced on every tick; the absolute time is written next to it.
 * `onElapsed` runs once per server render when the countdown reaches zero.
 */
export function Countdown({ targetIso, serverNowMs, onElapsed }: { targetIso: string; serverNowMs: number; onElapsed?: () => void }) {
  const consoleNow = useConsoleNow(serverNowMs);
  const remaining = remainingMs(Date.parse(targetIso), consoleNow);
  const elapsed = useRef(onElapsed);
  const firedFor = useRef<number | null>(null);
  useEffect(() => {
    elapsed.current = onElapsed;
  });
  useEffect(() => {
    if (remaining === 0 && firedFor.current !== serverNowMs) {
      firedFor.current = serverNowMs;
      elapsed.current?.();
    }
  }, [remaining, serverNowMs]);

  return (
    <span role="timer" aria-live="off" data-testid="countdown" className="font-mono tabular-nums">
      {formatRemaining(remaining)}
    </span>
  );
}
