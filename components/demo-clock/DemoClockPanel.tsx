"use client";
import { useState, useTransition } from "react";
import { moveDemoClockAction } from "@/lib/demo-clock/actions";
import { ADVANCE_STEPS, describeOffset } from "@/lib/demo-clock/rules";
import { Alert } from "@/components/ui/Alert";
import { Button, buttonClass } from "@/components/ui/Button";
import { inputClass } from "@/components/ui/Field";
import { LiveConsoleTime } from "./LiveConsoleTime";


export function DemoClockPanel({ serverNowMs, offsetMs, defaultDate }: { serverNowMs: number; offsetMs: number; defaultDate: string }) {
  const [feedback, setFeedback] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [date, setDate] = useState(defaultDate);
  const [pending, startTransition] = useTransition();

  const move = (input: object) =>
    startTransition(async () => {
      const result = await moveDemoClockAction(input);
      setFeedback(result.ok ? { tone: "success", text: result.message ?? "Horloge déplacée." } : { tone: "error", text: result.message });
    });

  return (
    <div className="space-y-4">
      <p>
        Heure de la console : <strong><LiveConsoleTime key={serverNowMs} serverNowMs={serverNowMs} /></strong>{" "}
        <span className="text-muted">({describeOffset(offsetMs)})</span>
      </p>
      {feedback && <Alert tone={feedback.tone}>{feedback.text}</Alert>}
      <div className="flex flex-wrap gap-2" role="group" aria-label="Avancer l'horloge">
        {ADVANCE_STEPS.map((s) => (
          <Button key={s.minutes} variant="secondary" disabled={pending} onClick={() => move({ action: "advance", minutes: s.minutes })}>
            Avancer de {s.label.slice(1)}
          </Button>
        ))}
        <Button variant="ghost" disabled={pending || offsetMs === 0} onClick={() => move({ action: "reset" })}>
          Revenir à l&apos;heure réelle
        </Button>
      </div>
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          move({ action: "set", at: date });
        }}
      >
        <div>
          <label htmlFor="demo-date" className="block text-sm font-medium">
            Aller à une date (heure de Paris)
          </label>
          <input id="demo-date" type="datetime-local" value={date} onChange={(e) => setDate(e.target.value)} className={`${inputClass} mt-1`} required />
        </div>
        <button type="submit" disabled={pending} className={buttonClass("secondary")}>
          Aller à cette date
        </button>
      </form>
    </div>
  );
}
