import type { CertificationPathView } from "@/lib/certification-path/data";

type Step = CertificationPathView["steps"][number];

function StepMark({ step, index }: { step: Step; index: number }) {
  return step.done ? (
    <span aria-hidden="true" className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full bg-vert text-sm font-bold text-white">
      ✓
    </span>
  ) : (
    <span aria-hidden="true" className="flex h-7 w-7 shrink-0 items-center justify-center rounded-full border-2 border-line text-sm font-semibold text-muted">
      {index + 1}
    </span>
  );
}

/**
 * The steps in order: a tick and its date when done, what is awaited otherwise, a "?" explanation
 * (`printable`: the explanation is written out, for the report).
 */
export function PathSteps({ steps, nextKey, printable = false }: { steps: readonly Step[]; nextKey: string | null; printable?: boolean }) {
  return (
    <ol className="space-y-2">
      {steps.map((step, index) => {
        const next = step.key === nextKey;
        return (
          <li
            key={step.key}
            data-testid="path-step"
            data-step={step.key}
            data-done={step.done ? "true" : "false"}
            className={`flex gap-3 break-inside-avoid border-l-4 px-3 py-2 ${step.done ? "border-vert" : next ? "border-marianne bg-marianne-light/40" : "border-line"}`}
          >
            <StepMark step={step} index={index} />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-baseline gap-x-3">
                <h3 className="font-semibold">
                  <span className="sr-only">Étape {index + 1} : </span>
                  {step.title}
                </h3>
                <span className={`text-sm ${step.done ? "text-vert" : "text-muted"}`} data-testid="path-step-state">
                  {step.done ? (step.atLabel ? `Fait le ${step.atLabel}` : "Fait (date inconnue)") : next ? "Prochaine étape" : "À faire"}
                </span>
              </div>
              {step.detail && <p className="text-sm [overflow-wrap:anywhere]">{step.detail}</p>}
              {step.todo && <p className="text-sm text-muted">{step.todo}</p>}
              {printable && <p className="mt-0.5 text-xs text-muted">{step.help}</p>}
            </div>
            {!printable && (
              <details className="no-print relative shrink-0 text-sm">
                <summary
                  className="flex h-7 w-7 cursor-pointer list-none items-center justify-center rounded-full border border-marianne font-bold text-marianne hover:bg-marianne-light [&::-webkit-details-marker]:hidden"
                  aria-label={`À quoi correspond l'étape « ${step.title} » ?`}
                  title="Explication"
                >
                  ?
                </summary>
                <p className="absolute right-0 z-10 mt-1 w-72 border border-line bg-white p-3 text-ink shadow-lg">{step.help}</p>
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
