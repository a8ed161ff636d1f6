"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { CustomsCallbackRow } from "@/lib/callbacks/data";
import { resendCustomsCallbackAction } from "@/lib/callbacks/actions";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { DataTable } from "@/components/ui/DataTable";

const STATUS: Record<CustomsCallbackRow["status"], { label: string; className: string }> = {
  SENT: { label: "✔ Accepté", className: "text-vert" },
  PENDING: { label: "⏳ Réessai prévu", className: "text-jaune" },
  FAILED: { label: "✗ En échec", className: "text-rouge" },
};

/**
 * The callbacks customs owes the operator (DeltaH7 Response_H7 / Error_H7, lib/dh7/): where they
 * stand, and « Renvoyer » (a new series of attempts, now; the server checks who may).
 */
export function CustomsCallbacks({ rows, canResend }: { rows: CustomsCallbackRow[]; canResend: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [feedback, setFeedback] = useState<{ tone: "success" | "error" | "warning"; text: string } | null>(null);
  if (rows.length === 0) return <p className="text-muted">Aucun appel retour de la douane pour ce compte (aucune déclaration DeltaH7 reçue).</p>;
  const resend = (id: string) =>
    startTransition(async () => {
      const result = await resendCustomsCallbackAction(id);
      setFeedback(result.ok ? { tone: result.data.status === "SENT" ? "success" : "warning", text: result.message ?? "" } : { tone: "error", text: result.message });
      router.refresh();
    });
  return (
    <div className="space-y-3">
      {feedback && <Alert tone={feedback.tone}>{feedback.text}</Alert>}
      <DataTable
        caption="Appels retours de la douane (réponses aux déclarations), les plus récents d'abord"
        minWidth="min-w-[44rem]"
        variant="history"
        testId="customs-callbacks"
        columns={["Date", "Message", "Chemin", "État", "Tentatives", ""]}
      >
        {rows.map((c) => (
          <tr key={c.id} className="border-b border-line align-top" data-testid="customs-callback" data-status={c.status}>
            <td className="py-2 pr-3 whitespace-nowrap">
              <time dateTime={c.createdAtIso}>{c.createdAtLabel}</time>
            </td>
            <td className="py-2 pr-3">
              <span className="font-medium">{c.apiName}</span>
              <span className="block text-xs text-muted">{c.kindLabel}</span>
            </td>
            <td className="py-2 pr-3 break-all">
              <code className="text-xs">{c.path}</code>
            </td>
            <td className={`py-2 pr-3 font-semibold ${STATUS[c.status].className}`}>
              {STATUS[c.status].label}
              {c.lastStatus !== null && <span className="block text-xs font-normal text-ink">dernier statut HTTP {c.lastStatus}</span>}
              {c.status !== "SENT" && c.lastError && <span className="block text-xs font-normal text-ink">{c.lastError}</span>}
              {c.nextAttemptLabel && <span className="block text-xs font-normal text-muted">prochaine tentative : {c.nextAttemptLabel}</span>}
            </td>
            <td className="py-2 pr-3 tabular-nums">{c.attempts}</td>
            <td className="py-2">
              {canResend && (
                <Button variant="secondary" onClick={() => resend(c.id)} disabled={pending}>
                  Renvoyer<span className="sr-only"> l&apos;appel retour du {c.createdAtLabel}</span>
                </Button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
