import Link from "next/link";
import { clockOffsetMs, nowMs } from "@/lib/clock";
import { getCurrentUser } from "@/lib/auth/session";
import { canUseTrainerArea } from "@/lib/authorization/policy";
import { describeOffset } from "@/lib/demo-clock/rules";
import { demoModeEnabled } from "@/lib/demo-clock/service";
import { BannerClockControls } from "./BannerClockControls";
import { LiveConsoleTime } from "./LiveConsoleTime";

/**
 * Shown on every page while the trainer's demo clock is ahead of real time; the trainer (demo
 * mode) also gets the clock's controls on every page, at real time too.
 */
export async function DemoClockBanner() {
  const offset = clockOffsetMs();
  const actor = demoModeEnabled() ? await getCurrentUser() : null;
  const trainer = Boolean(actor && canUseTrainerArea(actor));
  if (offset === 0 && !trainer) return null;
  if (offset === 0) {
    return (
      <div className="no-print border-b border-line bg-surface px-4 py-1 text-sm" data-testid="demo-clock-controls">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1">
          <span className="font-semibold">Horloge de démonstration</span>
          <span className="text-muted">heure réelle</span>
          <BannerClockControls offsetMs={0} />
        </div>
      </div>
    );
  }
  return (
    <div role="status" className="no-print border-b-2 border-jaune bg-jaune-light px-4 py-2 text-sm" data-testid="demo-clock-banner">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-bold">Heure de démonstration</span>
        <span>
          La console vit le <LiveConsoleTime key={nowMs()} serverNowMs={nowMs()} /> ({describeOffset(offset)} sur l&apos;heure réelle) : activation
          des URL et expiration des jetons suivent cette heure.
        </span>
        {trainer ? (
          <span data-testid="demo-clock-controls">
            <BannerClockControls offsetMs={offset} />
          </span>
        ) : (
          <Link href="/formation" className="font-semibold underline">
            Horloge
          </Link>
        )}
      </div>
    </div>
  );
}
