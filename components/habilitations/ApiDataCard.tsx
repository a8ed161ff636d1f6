"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ApiView, FieldView } from "@/lib/habilitations/data";
import { cancelUrlChangeAction, revealSecretAction } from "@/lib/habilitations/actions";
import { formatDelay } from "@/lib/countdown";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { ApiDataForm } from "./ApiDataForm";
import { Countdown } from "./Countdown";
import { RevokeHabilitationButton } from "./RevokeHabilitationButton";
import { HelpLink } from "@/components/help/HelpLink";
import type { CallbackTarget } from "@/lib/callbacks/data";
import { SendTestCallbackButton } from "@/components/callbacks/SendTestCallbackButton";
import { CopyButton } from "@/components/ui/CopyButton";

type Can = { edit: boolean; reveal: boolean; revoke: boolean };
type Feedback = { tone: "success" | "error" | "warning"; text: string };
type CallbackProps = { target: CallbackTarget | null; canSend: boolean };

function Missing() {
  return <span className="font-semibold text-rouge">Non renseigné (obligatoire)</span>;
}

function UrlValue({ accountId, apiCode, apiName, field, serverNowMs, canEdit, onFeedback }: {
  accountId: string;
  apiCode: string;
  apiName: string;
  field: FieldView;
  serverNowMs: number;
  canEdit: boolean;
  onFeedback: (f: Feedback) => void;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();
  const url = field.url!;
  const cancel = () =>
    startTransition(async () => {
      const result = await cancelUrlChangeAction(accountId, apiCode, field.key);
      setConfirming(false);
      onFeedback(result.ok ? { tone: "success", text: result.message ?? "Changement annulé." } : { tone: "error", text: result.message });
    });
  return (
    <div className="space-y-2">
      <p data-testid={`${apiCode}-${field.key}-active`}>
        <span className="text-sm text-muted">Active : </span>
        {url.active ? (
          <>
            <code className="break-all">{url.active}</code> <CopyButton value={url.active} label={`l'${field.label} active`} />
          </>
        ) : url.pending ? <span>aucune pour l&apos;instant</span> : field.required ? <Missing /> : <span className="text-muted">aucune</span>}
        {url.active && url.activeSinceLabel && <span className="ml-2 text-sm text-muted">depuis le {url.activeSinceLabel}</span>}
      </p>
      {url.pending && (
        <div className="border-l-4 border-jaune bg-jaune-light px-3 py-2" data-testid={`${apiCode}-${field.key}-pending`}>
          <p>
            <span className="text-sm font-semibold">Nouvelle adresse en attente : </span>
            <code className="break-all">{url.pending.value}</code>
          </p>
          <p className="mt-1 text-sm">
            Prendra effet au plus tard le <time dateTime={url.pending.effectiveAtIso}>{url.pending.effectiveAtLabel}</time> (heure de
            Paris), dans <Countdown targetIso={url.pending.effectiveAtIso} serverNowMs={serverNowMs} onElapsed={() => router.refresh()} />.
            {url.pending.requestedAtLabel && <span className="text-muted"> Demandé le {url.pending.requestedAtLabel}.</span>}
          </p>
          {canEdit && (
            <Button variant="ghost" className="mt-1 px-0" onClick={() => setConfirming(true)}>
              Annuler le changement d&apos;url
            </Button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Annuler le changement d'url ?"
        confirmLabel="Annuler le changement"
        cancelLabel="Conserver le changement"
        pending={pending}
        onConfirm={cancel}
        onCancel={() => setConfirming(false)}
      >
        <p>
          La nouvelle adresse {apiName} <code className="break-all">{url.pending?.value}</code> ne prendra pas effet.
          {url.active ? " L'adresse active reste utilisée." : " Aucune adresse n'étant active, le compte repassera au statut jaune."}
        </p>
      </ConfirmDialog>
    </div>
  );
}

function SecretValue({ accountId, apiCode, field, canReveal, onFeedback }: {
  accountId: string;
  apiCode: string;
  field: FieldView;
  canReveal: boolean;
  onFeedback: (f: Feedback) => void;
}) {
  const [revealed, setRevealed] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (!field.secretStored) return field.required ? <Missing /> : <span className="text-muted">Non renseigné</span>;
  const reveal = () =>
    startTransition(async () => {
      const result = await revealSecretAction(accountId, apiCode, field.key);
      if (result.ok) setRevealed(result.data.value);
      else onFeedback({ tone: "error", text: result.message });
    });
  return (
    <div className="flex flex-wrap items-center gap-3">
      {revealed === null ? (
        <span aria-label={`${field.label} masqué`} data-testid={`${apiCode}-${field.key}-masked`}>
          ••••••••••••
        </span>
      ) : (
        <>
          <code className="break-all" data-testid={`${apiCode}-${field.key}-revealed`}>
            {revealed}
          </code>
          <CopyButton value={revealed} label={`le ${field.label}`} />
        </>
      )}
      {canReveal &&
        (revealed === null ? (
          <Button variant="secondary" className="py-1" onClick={reveal} disabled={pending}>
            {pending ? "Déchiffrement…" : `Afficher le ${field.label}`}
          </Button>
        ) : (
          <Button variant="secondary" className="py-1" onClick={() => setRevealed(null)}>
            Masquer
          </Button>
        ))}
      {canReveal && revealed === null && <span className="text-xs text-muted">L&apos;affichage est enregistré dans l&apos;historique.</span>}
    </div>
  );
}

/**
 * One habilitated API of the "API habilitées" section: its fields, "Modifier", "Envoyer un appel
 * retour de test" (correspondents of the SIRET and customs), and for customs "Révoquer".
 */
export function ApiDataCard({ accountId, identifiant, item, serverNowMs, can, callback }: {
  accountId: string;
  identifiant: string;
  item: ApiView;
  serverNowMs: number;
  can: Can;
  callback?: CallbackProps;
}) {
  const [editing, setEditing] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const headingId = `api-${item.api.code}`;
  return (
    <section aria-labelledby={headingId} className="border border-line p-5" data-api={item.api.code}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 id={headingId} className="text-lg font-bold">
            {item.api.name}
          </h3>
          <p className="text-sm text-muted">{item.api.description}</p>
          <p className="text-sm text-muted">
            Habilitée le {item.grantedAtLabel} · contact douanier :{" "}
            <a className="underline" href={`mailto:${item.api.contactEmail}`}>
              {item.api.contactEmail}
            </a>{" "}
            · délai d&apos;activation d&apos;une url : {formatDelay(item.api.urlDelaySeconds)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {can.edit && !editing && (
            <Button variant="secondary" onClick={() => { setEditing(true); setFeedback(null); }}>
              Modifier<span className="sr-only"> les données {item.api.name}</span>
            </Button>
          )}
          {callback?.canSend && callback.target && !editing && (
            <SendTestCallbackButton accountId={accountId} target={callback.target} onResult={setFeedback} />
          )}
          {can.revoke && <RevokeHabilitationButton habilitationId={item.habilitationId} apiName={item.api.name} identifiant={identifiant} />}
        </div>
      </div>
      {feedback && (
        <div className="mt-3">
          <Alert tone={feedback.tone}>{feedback.text}</Alert>
        </div>
      )}
      {editing ? (
        <ApiDataForm
          accountId={accountId}
          item={item}
          demoReceiverUrl={callback?.target?.demoReceiverUrl ?? null}
          onDone={(f) => {
            setEditing(false);
            setFeedback(f);
          }}
        />
      ) : (
        <dl className="mt-4 grid gap-x-8 gap-y-4 sm:grid-cols-[14rem_1fr]">
          {item.fields.map((f) => (
            <div key={f.key} className="contents">
              <dt className="font-medium text-muted">
                {f.label}
                {f.kind === "URL" && <HelpLink href="/aide/donnees-api#delai" label="Aide : l'url et son délai d'activation" />}
                {f.required && <span className="sr-only"> (obligatoire)</span>}
                {f.required && <span aria-hidden="true" className="text-rouge"> *</span>}
              </dt>
              <dd className="min-w-0">
                {f.kind === "URL" ? (
                  <>
                    <UrlValue accountId={accountId} apiCode={item.api.code} apiName={item.api.name} field={f} serverNowMs={serverNowMs} canEdit={can.edit} onFeedback={setFeedback} />
                    {/* Hints for whoever fills the url in, until one is in force. */}
                    {can.edit && !f.url?.active && (
                      <p className="mt-1 text-xs text-muted" data-testid={`${item.api.code}-domain-hint`}>
                        Le domaine de l&apos;adresse doit d&apos;abord être ouvert sur le réseau de la douane : demande au contact douanier
                        de l&apos;API ({item.api.contactEmail}).
                      </p>
                    )}
                    {can.edit && !f.url?.active && !f.url?.pending && callback?.target?.demoReceiverUrl && (
                      <p className="mt-1 text-xs text-muted" data-testid={`${item.api.code}-demo-receiver`}>
                        Pour une démo sur cette machine, utilisez <code className="break-all">{callback.target.demoReceiverUrl}</code> (récepteur de
                        démonstration de la console).
                        <HelpLink href="/aide/appels-retours#recepteur" label="Aide : le récepteur de démonstration" />
                      </p>
                    )}
                  </>
                ) : f.kind === "SECRET" ? (
                  <SecretValue accountId={accountId} apiCode={item.api.code} field={f} canReveal={can.reveal} onFeedback={setFeedback} />
                ) : f.text ? (
                  <span className="break-all">{f.text}</span>
                ) : f.required ? (
                  <Missing />
                ) : (
                  <span className="text-muted">Non renseigné</span>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
