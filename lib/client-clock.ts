"use client";
/**
 * The console's clock in the browser: the server sends its `nowMs()` (demo clock included);
 * the browser keeps the difference with its own clock and ticks from there. Countdowns use this,
 * never the browser clock alone.
 */
import { useEffect, useState } from "react";

// eslint-disable-next-line no-restricted-syntax -- the browser's clock, corrected by the server's offset
const browserNow = () => Date.now();

export function useConsoleNow(serverNowMs: number, intervalMs = 1000): number {
  const [skew] = useState(() => serverNowMs - browserNow());
  const [current, setCurrent] = useState(serverNowMs);
  useEffect(() => {
    const tick = () => setCurrent(browserNow() + skew);
    tick();
    const id = setInterval(tick, intervalMs);
    return () => clearInterval(id);
  }, [skew, intervalMs]);
  return current;
}
