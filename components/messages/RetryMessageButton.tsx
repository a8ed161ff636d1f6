"use client";
import { useState, useTransition } from "react";
import { retryMessageAction } from "@/lib/notifications/actions";
import { Button } from "@/components/ui/Button";

/** « Renvoyer » on a failed e-mail (customs agents): back to the relay's queue. */
export function RetryMessageButton({ messageId, subject }: { messageId: string; subject: string }) {
  const [feedback, setFeedback] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const retry = () =>
    startTransition(async () => {
      const result = await retryMessageAction(messageId);
      setFeedback({ ok: result.ok, text: result.message ?? (result.ok ? "Renvoi demandé." : "Renvoi impossible.") });
    });
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant="secondary" onClick={retry} disabled={pending || feedback?.ok} aria-label={`Renvoyer le courriel « ${subject} »`}>
        {pending ? "Renvoi…" : "Renvoyer"}
      </Button>
      {feedback && (
        <p role="status" className={`text-sm ${feedback.ok ? "text-vert" : "text-rouge"}`}>
          {feedback.text}
        </p>
      )}
    </div>
  );
}
