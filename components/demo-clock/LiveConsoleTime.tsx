"use client";
import { useConsoleNow } from "@/lib/client-clock";
import { formatDateTimeSeconds } from "@/lib/format";

export function LiveConsoleTime({ serverNowMs }: { serverNowMs: number }) {
  const current = useConsoleNow(serverNowMs);
  return (
    <time dateTime={new Date(current).toISOString()} suppressHydrationWarning>
      {formatDateTimeSeconds(current)}
    </time>
  );
}
