import { ITEM_DECISION_LABELS, REQUEST_STATUS_LABELS, type ItemDecision, type RequestStatus } from "@/lib/habilitations/request-state";

const REQUEST_TONES: Record<RequestStatus, string> = {
  SUBMITTED: "border-marianne text-marianne bg-marianne-light",
  APPROVED: "border-vert text-vert bg-white",
  PARTIALLY_APPROVED: "border-jaune text-jaune bg-jaune-light",
  REFUSED: "border-rouge text-rouge bg-rouge-light",
  WITHDRAWN: "border-line text-muted bg-surface",
};

const DECISION_TONES: Record<ItemDecision, string> = {
  PENDING: "text-marianne",
  APPROVED: "text-vert",
  REFUSED: "text-rouge",
  WITHDRAWN: "text-muted",
};

const DECISION_SIGNS: Record<ItemDecision, string> = { PENDING: "…", APPROVED: "✔", REFUSED: "✖", WITHDRAWN: "–" };

/** The state of a request, in words (colour is never the only signal). */
export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return (
    <span data-testid="request-status" data-status={status} className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${REQUEST_TONES[status]}`}>
      {REQUEST_STATUS_LABELS[status]}
    </span>
  );
}

/** One API's decision inside a request: sign + word. */
export function DecisionLabel({ decision }: { decision: ItemDecision }) {
  return (
    <span data-decision={decision} className={`font-semibold ${DECISION_TONES[decision]}`}>
      <span aria-hidden="true">{DECISION_SIGNS[decision]} </span>
      {ITEM_DECISION_LABELS[decision]}
    </span>
  );
}
