import type { HabilitationsView } from "@/lib/habilitations/data";
import type { CallbacksView } from "@/lib/callbacks/data";
import { ApiDataCard } from "./ApiDataCard";
import { RequestHabilitationForm } from "./RequestHabilitationForm";
import { RequestsList } from "./RequestsList";

/** "API habilitées": each granted API with its data (url with delayed activation, token, extra fields). */
export function ApiDataSection({ view, callbacks }: { view: HabilitationsView; callbacks?: CallbacksView }) {
  return (
    <section aria-labelledby="apis" className="mt-8">
      <h2 id="apis" className="text-xl font-bold">
        API habilitées
      </h2>
      {view.revoked.length > 0 && (
        <div className="mt-3" data-testid="revoked-habilitations">
          <h3 className="font-semibold">Habilitations révoquées par la douane</h3>
          <ul className="mt-1 space-y-1 text-sm">
            {view.revoked.map((h) => (
              <li key={h.id} className="border-l-4 border-rouge bg-rouge-light px-3 py-1">
                <strong>{h.apiName}</strong> — révoquée le {h.revokedAtLabel}
                {h.reason && <> — motif : {h.reason}</>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.apis.length === 0 ? (
        <p className="mt-3 text-muted">
          Ce compte n&apos;est habilité sur aucune API pour le moment. Une fois la demande d&apos;habilitation acceptée par la douane,
          chaque API habilitée apparaîtra ici avec ses données (url, token).
        </p>
      ) : (
        <div className="mt-3 space-y-4">
          {!view.can.edit && (
            <p className="text-sm text-muted">Consultation seule : seuls les correspondants entreprise du SIRET modifient ces données.</p>
          )}
          {view.apis.map((item) => (
            <ApiDataCard
              key={item.api.code}
              accountId={view.accountId}
              identifiant={view.identifiant}
              item={item}
              serverNowMs={view.serverNowMs}
              can={view.can}
              callback={callbacks ? { target: callbacks.targets.find((t) => t.apiCode === item.api.code) ?? null, canSend: callbacks.canSend } : undefined}
            />
          ))}
        </div>
      )}
    </section>
  );
}

/** "Demandes d'habilitation": ask customs for APIs, follow the answers, withdraw a pending request. */
export function RequestsSection({ view, siret }: { view: HabilitationsView; siret: string }) {
  return (
    <section aria-labelledby="demandes" className="mt-8">
      <h2 id="demandes" className="mb-3 text-xl font-bold">
        Demandes d&apos;habilitation
      </h2>
      {view.can.request && (
        <div className="mb-4">
          <RequestHabilitationForm accountId={view.accountId} identifiant={view.identifiant} siret={siret} requestable={view.requestable} unavailable={view.unavailable} />
        </div>
      )}
      <RequestsList accountId={view.accountId} requests={view.requests} deskLinks={view.can.revoke} />
    </section>
  );
}
