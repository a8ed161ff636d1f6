import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { DemoClockPanel } from "@/components/demo-clock/DemoClockPanel";
import { ScenarioPanel } from "@/components/scenarios/ScenarioPanel";
import { Alert } from "@/components/ui/Alert";
import { requireUser } from "@/lib/auth/session";
import { canUseTrainerArea } from "@/lib/authorization/policy";
import { clockOffsetMs, nowMs } from "@/lib/clock";
import { demoModeEnabled } from "@/lib/demo-clock/service";
import { toParisWallTime } from "@/lib/paris-time";
import { SCENARIOS } from "@/lib/scenarios/catalog";

export const metadata = { title: "Formation" };

function DemoModeOff({ what }: { what: string }) {
  return (
    <Alert title="Mode démonstration désactivé">
      {what} n&apos;est disponible que si la console est lancée avec DEMO_MODE=1 (c&apos;est le cas de la commande de lancement du
      README, jamais d&apos;une configuration de production).
    </Alert>
  );
}

export default async function TrainerPage() {
  const actor = await requireUser();
  if (!canUseTrainerArea(actor)) notFound();
  const current = nowMs();
  const demo = demoModeEnabled();
  return (
    <>
      <PageHeader crumbs={[{ label: "Formation" }]} title="Espace formateur" />
      <section aria-labelledby="scenarios" className="mb-8 border border-line p-5">
        <h2 id="scenarios" className="mb-3 text-xl font-bold">
          Scénarios
        </h2>
        {demo ? (
          <>
            <p className="mb-4 text-sm text-muted">
              Un scénario remet la console dans un état connu en quelques secondes : toutes les données sont effacées puis recréées
              comme si les personnes avaient agi dans la console (dates relatives à l&apos;heure du chargement).
            </p>
            <ScenarioPanel scenarios={SCENARIOS} />
          </>
        ) : (
          <DemoModeOff what="Le chargement d'un scénario (qui efface toutes les données)" />
        )}
      </section>
      <section aria-labelledby="horloge" className="border border-line p-5">
        <h2 id="horloge" className="mb-3 text-xl font-bold">
          Horloge de démonstration
        </h2>
        {demo ? (
          <DemoClockPanel serverNowMs={current} offsetMs={clockOffsetMs()} defaultDate={toParisWallTime(new Date(current + 24 * 3600_000))} />
        ) : (
          <DemoModeOff what="L'horloge de démonstration" />
        )}
      </section>
    </>
  );
}
