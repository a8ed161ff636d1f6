"use client";
import { useState, useTransition } from "react";
import { nameCorrespondentAction, removeCorrespondentAction } from "@/lib/administration/actions";
import type { SiretCorrespondents } from "@/lib/administration/data";
import { formatSiret } from "@/lib/siret";
import { Alert } from "@/components/ui/Alert";
import { Button, buttonClass } from "@/components/ui/Button";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { inputClass } from "@/components/ui/Field";

type Pending = { kind: "name" | "remove"; userId: string; label: string } | null;

export function CorrespondentsPanel({ item }: { item: SiretCorrespondents }) {
  const [selected, setSelected] = useState("");
  const [pendingAction, setPendingAction] = useState<Pending>(null);
  const [feedback, setFeedback] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, startTransition] = useTransition();
  const onlyOne = item.correspondents.length <= 1;
  const headingId = `siret-${item.siret}`;
  const selectId = `candidate-${item.siret}`;

  const confirm = () => {
    if (!pendingAction) return;
    const { kind, userId } = pendingAction;
    startTransition(async () => {
      const input = { siret: item.siret, userId };
      const result = kind === "name" ? await nameCorrespondentAction(input) : await removeCorrespondentAction(input);
      setPendingAction(null);
      if (result.ok) setSelected("");
      setFeedback(result.ok ? { tone: "success", text: result.message ?? "Enregistré." } : { tone: "error", text: result.message });
    });
  };

  return (
    <section aria-labelledby={headingId} className="border border-line p-5">
      <h2 id={headingId} className="text-lg font-bold">
        SIRET <span className="font-mono tabular-nums">{formatSiret(item.siret)}</span>
        <span className="block text-sm font-normal text-muted">
          {item.companyName}
          {item.city ? ` — ${item.city}` : ""}
        </span>
      </h2>
      {feedback && (
        <div className="mt-3">
          <Alert tone={feedback.tone}>{feedback.text}</Alert>
        </div>
      )}
      <h3 className="mt-4 font-semibold">Correspondants ({item.correspondents.length})</h3>
      <ul className="mt-2 divide-y divide-line border-y border-line">
        {item.correspondents.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span>
              <span className="font-medium">{c.name}</span>
              {c.isMe && <span className="ml-2 text-xs text-muted">(vous)</span>}
              <span className="block break-all text-sm text-muted">{c.email}</span>
            </span>
            <Button
              variant="secondary"
              disabled={onlyOne}
              aria-describedby={onlyOne ? `${headingId}-last` : undefined}
              aria-label={`Retirer ${c.name} des correspondants du SIRET ${item.siret}`}
              onClick={() => setPendingAction({ kind: "remove", userId: c.id, label: `${c.name} (${c.email})` })}
            >
              Retirer
            </Button>
          </li>
        ))}
      </ul>
      {onlyOne && (
        <p id={`${headingId}-last`} className="mt-2 text-sm text-muted">
          Un SIRET garde toujours au moins un correspondant : nommez-en un autre avant de retirer celui-ci.
        </p>
      )}

      <form
        className="mt-4 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          const person = item.candidates.find((c) => c.id === selected);
          if (person) setPendingAction({ kind: "name", userId: person.id, label: `${person.name} (${person.email})` });
        }}
      >
        <div className="grow">
          <label htmlFor={selectId} className="block text-sm font-medium">
            Nommer un correspondant
          </label>
          {item.candidates.length === 0 ? (
            <p id={selectId} className="mt-1 text-sm text-muted">
              Personne à nommer : certifiez d&apos;abord le rattachement d&apos;un collaborateur (menu CERTIFICATION).
            </p>
          ) : (
            <select id={selectId} value={selected} onChange={(e) => setSelected(e.target.value)} className={`${inputClass} mt-1`}>
              <option value="">— Choisissez une personne —</option>
              {item.candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} — {c.email} ({c.reason})
                </option>
              ))}
            </select>
          )}
        </div>
        {item.candidates.length > 0 && (
          <button type="submit" disabled={!selected} className={buttonClass("primary")}>
            Nommer correspondant
          </button>
        )}
      </form>

      <ConfirmDialog
        open={pendingAction !== null}
        title={pendingAction?.kind === "name" ? "Nommer ce correspondant ?" : "Retirer ce correspondant ?"}
        confirmLabel={pendingAction?.kind === "name" ? "Nommer" : "Retirer"}
        tone={pendingAction?.kind === "name" ? "primary" : "danger"}
        pending={busy}
        onConfirm={confirm}
        onCancel={() => setPendingAction(null)}
      >
        {pendingAction?.kind === "name" ? (
          <p>
            {pendingAction.label} pourra gérer les comptes API du SIRET {item.siret}, certifier les rattachements et nommer
            d&apos;autres correspondants.
          </p>
        ) : (
          <p>
            {pendingAction?.label} ne pourra plus gérer les comptes API du SIRET {item.siret}.
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
