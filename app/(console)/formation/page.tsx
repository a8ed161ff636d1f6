import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { DemoClockPanel } from "@/components/demo-clock/DemoClockPanel";
import { Alert } from "@/components/ui/Alert";
import { requireUser } from "@/lib/auth/session";
import { canUseTrainerArea } from "@/lib/authorization/policy";
import { clockOffsetMs, nowMs } from "@/lib/clock";
import { demoModeEnabled } from "@/lib/demo-clock/service";
import { toParisWallTime } from "@/lib/paris-time";

export const metadata = { title: "Formation" };

export default async function TrainerPage() {
  const actor = await requireUser();
  if (!canUseTrainerArea(actor)) notFound();
  const current = nowMs();
  return (
    <>
      <PageHeader crumbs={[{ label: "Formation" }]} title="Espace formateur" />
      <section aria-labelledby="horloge" className="border border-line p-5">
        <h2 id="horloge" className="mb-3 text-xl font-bold">
          Horloge de démonstration
        </h2>
        {demoModeEnabled() ? (
          <DemoClockPanel serverNowMs={current} offsetMs={clockOffsetMs()} defaultDate={toParisWallTime(new Date(current + 24 * 3600_000))} />
        ) : (
          <Alert title="Mode démonstration désactivé">
            L&apos;horloge de démonstration n&apos;est disponible que si la console est lancée avec DEMO_MODE=1 (c&apos;est le cas de la
            commande de lancement du README, jamais d&apos;une configuration de production).
          </Alert>
        )}
      </section>
    </>
  );
}
