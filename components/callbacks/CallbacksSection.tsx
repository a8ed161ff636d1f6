import type { CallbacksView } from "@/lib/callbacks/data";
import { ReceivedCallbacks, SentCallbacks } from "./CallbackHistory";
import { CallbackTargets } from "./CallbackTargets";
import { CustomsCallbacks } from "./CustomsCallbacks";
import { HelpLink } from "@/components/help/HelpLink";

/**
 * "Appels retours de test": what was sent to the operator's system and what the demo receiver
 * got. On the customs desk (`withTargets`), also each API's active url and the send button (on
 * the account page the button sits in each "API habilitées" card).
 */
export function CallbacksSection({ view, withTargets = false }: { view: CallbacksView; withTargets?: boolean }) {
  return (
    <section aria-labelledby="appels-retours" className="mt-8">
      <h2 id="appels-retours" className="text-xl font-bold">
        Appels retours de test
        <HelpLink href="/aide/appels-retours" label="Aide : les appels retours de test" />
      </h2>
      <p className="mt-1 text-sm text-muted">
        Un appel retour de test est un POST envoyé, comme le ferait la douane, à l&apos;url active de l&apos;API avec le token enregistré
        (<code>Authorization: Bearer</code>). L&apos;historique ne garde jamais le token.
        {!view.canSend && " Consultation seule."}
      </p>
      {withTargets && (
        <div className="mt-4">
          <CallbackTargets accountId={view.accountId} targets={view.targets} canSend={view.canSend} />
        </div>
      )}
      <section aria-labelledby="appels-douane" className="mt-5">
        <h3 id="appels-douane" className="mb-2 text-lg font-semibold">
          Appels retours de la douane (DeltaH7)
        </h3>
        <CustomsCallbacks rows={view.customsCallbacks} canResend={view.canSend} />
      </section>
      <h3 className="mt-5 mb-2 text-lg font-semibold">Envoyés (tests, et chaque tentative des appels de la douane)</h3>
      <SentCallbacks attempts={view.attempts} />
      <section aria-labelledby="recus-recepteur" className="mt-5">
        <h3 id="recus-recepteur" className="mb-2 text-lg font-semibold">
          Reçus par le récepteur de démonstration
        </h3>
        {!view.receiverEnabled && view.received.length === 0 ? (
          <p className="text-muted">Le récepteur de démonstration n&apos;est actif qu&apos;en mode démonstration (DEMO_MODE=1).</p>
        ) : (
          <ReceivedCallbacks received={view.received} />
        )}
      </section>
    </section>
  );
}
