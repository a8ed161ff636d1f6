"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { markAllMessagesReadAction, markMessageReadAction } from "@/lib/notifications/actions";
import { Button } from "@/components/ui/Button";

/** A message that opens on its text; opening an unread one marks it read (the header's count follows). */
export function MessageDetails({ id, read, summary, children }: { id: string; read: boolean; summary: React.ReactNode; children: React.ReactNode }) {
  const router = useRouter();
  const [isRead, setRead] = useState(read);
  return (
    <details
      className="group py-3"
      data-read={isRead ? "true" : "false"}
      onToggle={(event) => {
        if (!event.currentTarget.open || isRead) return;
        setRead(true);
        void markMessageReadAction(id).then(() => router.refresh());
      }}
    >
      <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-4 gap-y-1">
        {!isRead && (
          <span className="rounded bg-marianne px-2 py-0.5 text-xs font-bold text-white" data-testid="message-unread">
            Nouveau
          </span>
        )}
        {summary}
      </summary>
      {children}
    </details>
  );
}

export function MarkAllReadButton({ unread }: { unread: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-3">
      <Button
        variant="secondary"
        disabled={pending || unread === 0}
        onClick={() =>
          startTransition(async () => {
            const result = await markAllMessagesReadAction();
            setMessage(result.ok ? (result.message ?? null) : result.message);
            router.refresh();
          })
        }
      >
        Tout marquer comme lu
      </Button>
      <span role="status" className="text-sm text-muted">
        {message}
      </span>
    </span>
  );
}
