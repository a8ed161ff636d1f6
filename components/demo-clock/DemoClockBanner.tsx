import Link from "next/link";
import { clockOffsetMs, nowMs } from "@/lib/clock";
import { describeOffset } from "@/lib/demo-clock/rules";
import { LiveConsoleTime } from "./LiveConsoleTime";

/** Shown on every page while the trainer's demo clock is ahead of real time. */
export function DemoClockBanner() {
  const offset = clockOffsetMs();
  if (offset === 0) return null;
  return (
    <div role="status" className="no-print border-b-2 border-jaune bg-jaune-light px-4 py-2 text-sm" data-testid="demo-clock-banner">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-bold">Heure de démonstration</span>
        <span>
          La console vit le <LiveConsoleTime serverNowMs={nowMs()} /> ({describeOffset(offset)} sur l&apos;heure réelle) : activation
          des URL et expiration des jetons suivent cette heure.
        </span>
        <Link href="/formation" className="font-semibold underline">
          Horloge
        </Link>
      </div>
    </div>
  );
}
