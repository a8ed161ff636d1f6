import Link from "next/link";
import type { RequestView } from "@/lib/habilitations/data";
import { DecisionLabel, RequestStatusBadge } from "./Badges";
import { WithdrawRequestButton } from "./WithdrawRequestButton";

/** The account's habilitation requests, newest first, with customs' answer per API. */
export function RequestsList({ accountId, requests, deskLinks = false }: { accountId: string; requests: RequestView[]; deskLinks?: boolean }) {
  if (requests.length === 0) return <p className="text-muted">Aucune demande d&apos;habilitation pour ce compte.</p>;
  return (
    <ol className="space-y-4">
      {requests.map((r) => (
        <li key={r.id} className="border border-line p-4" data-testid="request">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="font-semibold">
              Demande du {r.createdAtLabel}
              {r.author && <span className="font-normal text-muted"> — par {r.author}</span>}
            </p>
            <RequestStatusBadge status={r.status} />
          </div>
          {r.message && <p className="mt-2 text-sm">Message : « {r.message} »</p>}
          <ul className="mt-3 space-y-2">
            {r.items.map((i) => (
              <li key={i.id} className="text-sm">
                <span className="font-semibold">{i.apiName}</span> : <DecisionLabel decision={i.decision} />
                {i.decidedAtLabel && i.decision !== "PENDING" && <span className="text-muted"> le {i.decidedAtLabel}</span>}
                {i.reason && (
                  <span className="mt-1 block border-l-4 border-rouge bg-rouge-light px-3 py-1">
                    Motif du refus : <span data-testid="refusal-reason">{i.reason}</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
          {deskLinks && (
            <Link href={`/douane/demandes/${r.id}`} className="mt-3 inline-block text-sm font-semibold text-marianne underline">
              {r.status === "SUBMITTED" ? "Traiter la demande" : "Voir la demande"} au service de certification
            </Link>
          )}
          {r.canWithdraw && (
            <div className="mt-3">
              <WithdrawRequestButton accountId={accountId} requestId={r.id} apis={r.items.filter((i) => i.decision === "PENDING").map((i) => i.apiName)} />
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
