import Link from "next/link";
import type { CertificationPathView } from "@/lib/certification-path/data";
import { PathProgress } from "./PathProgress";
import { PathSteps } from "./PathSteps";

/** "Parcours de certification" on the account page. */
export function CertificationPathSection({ path }: { path: CertificationPathView }) {
  return (
    <section aria-labelledby="parcours" className="mt-8 border border-line p-5" data-testid="certification-path">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h2 id="parcours" className="text-xl font-bold">
          Parcours de certification
        </h2>
        <Link href={`/comptes-api/${path.account.id}/parcours`} className="text-sm font-semibold text-marianne underline underline-offset-2">
          Rapport imprimable
        </Link>
      </div>
      <p className="mt-1 text-sm text-muted">
        Les étapes du guide « Accès aux API Douane », cochées d&apos;après les données réelles de la console (demandes, décisions,
        données des API, testeur de jeton, appels retours).
      </p>
      <div className="mt-4">
        <PathProgress done={path.doneCount} total={path.total} id="parcours-progression" />
      </div>
      <div className="mt-4">
        <PathSteps steps={path.steps} nextKey={path.nextKey} />
      </div>
    </section>
  );
}
