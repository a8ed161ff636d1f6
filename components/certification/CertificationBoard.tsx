"use client";
import { useState, useTransition } from "react";
import { decideAttachmentAction } from "@/lib/certification/actions";
import type { AttachmentRow } from "@/lib/certification/data";
import { ATTACHMENT_STATUS_LABELS } from "@/lib/certification/rules";
import { formatDateTime } from "@/lib/format";
import { formatSiret } from "@/lib/siret";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { DataTable } from "@/components/ui/DataTable";

type Decision = "certify" | "decertify";

const SECTIONS = [
  { status: "PENDING", title: "Demandes en attente", empty: "Aucune demande de rattachement en attente." },
  { status: "CERTIFIED", title: "Rattachements certifiés", empty: "Aucun rattachement certifié." },
  { status: "DECERTIFIED", title: "Rattachements décertifiés", empty: "Aucun rattachement décertifié." },
] as const;

const who = (r: AttachmentRow) => `${r.userName} (${r.userEmail})`;

/** The CERTIFICATION tab: requests by state, certify / de-certify with a confirmation. */
export function CertificationBoard({ rows }: { rows: AttachmentRow[] }) {
  const [target, setTarget] = useState<{ row: AttachmentRow; decision: Decision } | null>(null);
  const [feedback, setFeedback] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const confirm = () => {
    if (!target) return;
    startTransition(async () => {
      const result = await decideAttachmentAction(target.row.id, target.decision);
      setTarget(null);
      setFeedback(result.ok ? { tone: "success", text: result.message ?? "Décision enregistrée." } : { tone: "error", text: result.message });
    });
  };

  return (
    <div className="space-y-8">
      {feedback && <Alert tone={feedback.tone}>{feedback.text}</Alert>}
      {SECTIONS.map((section) => {
        const sectionRows = rows.filter((r) => r.status === section.status);
        return (
          <section key={section.status} aria-labelledby={`section-${section.status}`}>
            <h2 id={`section-${section.status}`} className="mb-3 text-xl font-bold">
              {section.title} <span className="text-base font-normal text-muted">({sectionRows.length})</span>
            </h2>
            {sectionRows.length === 0 ? (
              <p className="text-muted">{section.empty}</p>
            ) : (
              <DataTable
                caption={section.title}
                minWidth="min-w-[760px]"
                columns={["Collaborateur", "SIRET", "Demande", "Statut", "Actions"]}
              >
                {sectionRows.map((r) => (
                  <tr key={r.id} className="border-t border-line align-top">
                    <td className="px-3 py-3">
                      <span className="font-medium">{r.userName}</span>
                      <span className="block break-all text-xs text-muted">{r.userEmail}</span>
                    </td>
                    <td className="px-3 py-3">
                      <span className="font-mono tabular-nums">{formatSiret(r.siret)}</span>
                      <span className="block text-xs text-muted">{r.companyName}</span>
                    </td>
                    <td className="px-3 py-3">
                      {formatDateTime(r.createdAt)}
                      {r.message && <span className="mt-1 block text-xs italic text-muted">« {r.message} »</span>}
                    </td>
                    <td className="px-3 py-3">
                      {ATTACHMENT_STATUS_LABELS[r.status]}
                      {r.decidedAt && <span className="block text-xs text-muted">le {formatDateTime(r.decidedAt)}</span>}
                      {r.isCorrespondent && <span className="block text-xs text-muted">correspondant de ce SIRET</span>}
                    </td>
                    <td className="px-3 py-3">
                      <div className="flex flex-wrap gap-2">
                        {(r.status === "PENDING" || r.status === "DECERTIFIED") && (
                          <Button onClick={() => setTarget({ row: r, decision: "certify" })} aria-label={`Certifier ${who(r)}`}>
                            Certifier
                          </Button>
                        )}
                        {(r.status === "PENDING" || r.status === "CERTIFIED") && (
                          <Button variant="secondary" onClick={() => setTarget({ row: r, decision: "decertify" })} aria-label={`Décertifier ${who(r)}`}>
                            Décertifier
                          </Button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        );
      })}
      <ConfirmDialog
        open={target !== null}
        title={target?.decision === "certify" ? "Certifier ce rattachement ?" : "Décertifier ce rattachement ?"}
        confirmLabel={target?.decision === "certify" ? "Certifier" : "Décertifier"}
        tone={target?.decision === "certify" ? "primary" : "danger"}
        pending={pending}
        onConfirm={confirm}
        onCancel={() => setTarget(null)}
      >
        {target && (
          <p>
            {target.decision === "certify"
              ? `Vous confirmez officiellement que ${who(target.row)} fait partie de l'entreprise ${target.row.companyName} (SIRET ${target.row.siret}).`
              : `Vous rejetez officiellement le rattachement de ${who(target.row)} à l'entreprise ${target.row.companyName} (SIRET ${target.row.siret}).`}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
