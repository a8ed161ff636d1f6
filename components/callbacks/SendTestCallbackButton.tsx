"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { sendTestCallbackAction } from "@/lib/callbacks/actions";
import type { CallbackTarget } from "@/lib/callbacks/data";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";

export type CallbackFeedback = { tone: "success" | "error" | "warning"; text: string };

/**
 * "Envoyer un appel retour de test": confirms what will be sent (POST to the active url + path,
 * the token as Bearer, the sample message), then asks the server, which checks everything again.
 */
export function SendTestCallbackButton({ accountId, target, onResult }: { accountId: string; target: CallbackTarget; onResult: (feedback: CallbackFeedback) => void }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const destination = target.activeUrl ? `${target.activeUrl.replace(/\/+$/, "")}${target.pathTemplate}` : null;

  const send = () =>
    startTransition(async () => {
      const result = await sendTestCallbackAction(accountId, target.apiCode);
      setOpen(false);
      if (!result.ok) onResult({ tone: "error", text: result.message });
      else onResult({ tone: result.data.success ? "success" : "warning", text: result.message ?? "" });
      router.refresh();
    });

  // What cannot succeed is not offered: the reason instead (the server still checks everything).
  const reason = !target.activeUrl
    ? target.pending
      ? `Aucune url active pour ${target.apiName} : la nouvelle adresse prendra effet au plus tard le ${target.pending.effectiveAtLabel}.`
      : `Aucune url active pour ${target.apiName} : renseignez-la (« Modifier »), puis attendez qu'elle prenne effet.`
    : !target.tokenStored
      ? `Aucun token enregistré pour ${target.apiName} : renseignez-le (« Modifier »).`
      : null;
  const reasonId = `send-callback-reason-${target.apiCode}`;

  if (reason) {
    return (
      <span className="inline-flex flex-col gap-1">
        <Button variant="secondary" disabled aria-describedby={reasonId}>
          Envoyer un appel retour de test
          <span className="sr-only"> {target.apiName}</span>
        </Button>
        <span id={reasonId} className="max-w-md text-sm text-muted" data-testid={`${target.apiCode}-send-disabled`}>
          {reason}
        </span>
      </span>
    );
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} disabled={pending}>
        {pending ? "Envoi en cours…" : "Envoyer un appel retour de test"}
        <span className="sr-only"> {target.apiName}</span>
      </Button>
      <ConfirmDialog
        open={open}
        title={`Envoyer un appel retour de test ${target.apiName} ?`}
        confirmLabel="Envoyer l'appel retour"
        cancelLabel="Ne pas envoyer"
        tone="primary"
        pending={pending}
        onConfirm={send}
        onCancel={() => setOpen(false)}
      >
        <p>
          Comme le ferait la douane, la console envoie un message d&apos;essai ({target.summary.charAt(0).toLowerCase() + target.summary.slice(1).replace(/\.$/, "")}) au
          système de l&apos;opérateur :
        </p>
        <p>
          <code className="break-all">POST {destination}</code>
          <span className="block text-sm text-muted">où {"{ref}"} est une référence d&apos;essai tirée au hasard.</span>
        </p>
        <p className="text-sm">
          En-têtes : <code>Content-Type: application/json</code>, <code>Authorization: Bearer ••••</code> (le token enregistré, jamais affiché ni
          conservé dans l&apos;historique). Délai maximal : 10 s ; aucune redirection n&apos;est suivie.
        </p>
      </ConfirmDialog>
    </>
  );
}
