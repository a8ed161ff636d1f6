"use client";
import { useState } from "react";
import type { CallbackTarget } from "@/lib/callbacks/data";
import { Alert } from "@/components/ui/Alert";
import { SendTestCallbackButton, type CallbackFeedback } from "./SendTestCallbackButton";

/** Customs desk: each granted API, the url customs would call now, and the send button. */
export function CallbackTargets({ accountId, targets, canSend }: { accountId: string; targets: CallbackTarget[]; canSend: boolean }) {
  const [feedback, setFeedback] = useState<Record<string, CallbackFeedback>>({});
  if (targets.length === 0) return <p className="text-muted">Le compte n&apos;est habilité sur aucune API : aucun appel retour possible.</p>;
  return (
    <ul className="space-y-3">
      {targets.map((t) => (
        <li key={t.apiCode} className="border border-line p-4" data-testid={`callback-target-${t.apiCode}`}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <p className="font-semibold">{t.apiName}</p>
              <p className="text-sm">
                <span className="text-muted">Url active : </span>
                {t.activeUrl ? <code className="break-all">{t.activeUrl}</code> : <span>aucune pour l&apos;instant</span>}
              </p>
              {t.pending && (
                <p className="text-sm text-muted">
                  Nouvelle adresse <code className="break-all">{t.pending.value}</code> effective au plus tard le {t.pending.effectiveAtLabel}.
                </p>
              )}
              {!t.tokenStored && <p className="text-sm text-rouge">Aucun token enregistré.</p>}
            </div>
            {canSend && <SendTestCallbackButton accountId={accountId} target={t} onResult={(f) => setFeedback((prev) => ({ ...prev, [t.apiCode]: f }))} />}
          </div>
          {feedback[t.apiCode] && (
            <div className="mt-3">
              <Alert tone={feedback[t.apiCode]!.tone}>{feedback[t.apiCode]!.text}</Alert>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
