"use client";
import { useRef, useState, useTransition } from "react";
import Link from "next/link";
import { loadScenarioAction } from "@/lib/scenarios/actions";
import type { LoadedScenario } from "@/lib/scenarios/service";
import type { ScenarioInfo } from "@/lib/scenarios/catalog";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";

/** The trainer's scenarios: what each one shows, its logins, and a confirmed "load" (wipes everything). */
export function ScenarioPanel({ scenarios }: { scenarios: readonly ScenarioInfo[] }) {
  const [target, setTarget] = useState<ScenarioInfo | null>(null);
  const [feedback, setFeedback] = useState<{ tone: "success" | "error"; text: string; loaded?: LoadedScenario } | null>(null);
  const [pending, startTransition] = useTransition();
  const feedbackRef = useRef<HTMLDivElement>(null);

  const confirm = () => {
    if (!target) return;
    const scenario = target;
    startTransition(async () => {
      const result = await loadScenarioAction(scenario.id);
      setTarget(null);
      setFeedback(result.ok ? { tone: "success", text: result.message ?? "Scénario chargé.", loaded: result.data } : { tone: "error", text: result.message });
      requestAnimationFrame(() => feedbackRef.current?.focus());
    });
  };

  return (
    <div className="space-y-5">
      <p>
        Mots de passe : ceux des comptes de démonstration, pour les personnes comme pour les comptes API des scénarios (affichés
        par la commande de lancement et dans le README, « Comptes de démonstration »).
      </p>
      <div ref={feedbackRef} tabIndex={-1} className="outline-none">
        {feedback && (
          <Alert tone={feedback.tone} title={feedback.text}>
            {feedback.loaded && (
              <div className="space-y-2" data-testid="scenario-next">
                {feedback.loaded.accounts.length > 0 ? (
                  <p>
                    Comptes API créés :{" "}
                    {feedback.loaded.accounts.map((a, i) => (
                      <span key={a.id}>
                        {i > 0 && ", "}
                        <Link href={`/comptes-api/${a.id}`} className="font-semibold underline">
                          {a.identifiant}
                        </Link>
                      </span>
                    ))}
                    .
                  </p>
                ) : (
                  <p>Aucun compte API : le correspondant crée le premier.</p>
                )}
                <p>Vous restez connecté(e) en tant que formateur. Pour montrer le scénario, connectez-vous (fenêtre privée) avec :</p>
                <table className="text-sm">
                  <thead className="sr-only">
                    <tr>
                      <th scope="col">Connexion</th>
                      <th scope="col">Mot de passe de démonstration</th>
                      <th scope="col">Pour</th>
                    </tr>
                  </thead>
                  <tbody>
                    {feedback.loaded.logins.map((l) => (
                      <tr key={l.login}>
                        <td className="pr-3 font-mono">{l.login}</td>
                        <td className="pr-3 font-mono">{l.password}</td>
                        <td>{l.why}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Alert>
        )}
      </div>
      <ul className="grid gap-4 md:grid-cols-2">
        {scenarios.map((s) => (
          <li key={s.id} className="flex flex-col border border-line p-4" data-testid={`scenario-${s.id}`}>
            <h3 className="text-lg font-bold">{s.name}</h3>
            <p className="mt-1 text-sm">{s.summary}</p>
            <h4 className="mt-3 text-sm font-semibold">Ce qu&apos;il permet de montrer</h4>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {s.shows.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <h4 className="mt-3 text-sm font-semibold">Connexions</h4>
            <ul className="mt-1 text-sm">
              {s.logins.map((l) => (
                <li key={l.login}>
                  <code className="font-mono">{l.login}</code> — {l.why}
                </li>
              ))}
            </ul>
            <p className="mt-1 text-xs text-muted">
              En ligne de commande : <code className="font-mono">npm run db:scenario -- {s.id}</code>
            </p>
            <div className="mt-auto pt-4">
              <Button variant="secondary" disabled={pending} onClick={() => setTarget(s)}>
                Charger « {s.name} »
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={target !== null}
        title={`Charger le scénario « ${target?.name ?? ""} » ?`}
        confirmLabel="Tout effacer et charger"
        pending={pending}
        onConfirm={confirm}
        onCancel={() => setTarget(null)}
      >
        <p>
          <strong>Toutes les données de la console sont effacées</strong> — comptes API, demandes et décisions, données des API,
          messages, historique, tests de jeton, appels retours — puis remplacées par celles du scénario. Les personnes ajoutées à la
          main disparaissent ; les personnes de démonstration retrouvent leur mot de passe de démonstration.
        </p>
        <p>L&apos;horloge de démonstration revient à l&apos;heure réelle.</p>
      </ConfirmDialog>
    </div>
  );
}
