/**
 * States of a habilitation request (SPEC "Habilitation request"): submitted → approved |
 * partially approved | refused | withdrawn, with one decision per API inside. Pure.
 *  - any API still pending → the request is still "submitted";
 *  - withdrawn items are left out of the outcome; nothing decided at all → "withdrawn";
 *  - every decided API approved → "approved"; every one refused → "refused"; a mix → "partially approved".
 */
export type RequestStatus = "SUBMITTED" | "APPROVED" | "PARTIALLY_APPROVED" | "REFUSED" | "WITHDRAWN";
export type ItemDecision = "PENDING" | "APPROVED" | "REFUSED" | "WITHDRAWN";

export function requestStatusFromItems(decisions: readonly ItemDecision[]): RequestStatus {
  if (decisions.length === 0) return "WITHDRAWN";
  if (decisions.includes("PENDING")) return "SUBMITTED";
  const decided = decisions.filter((d) => d !== "WITHDRAWN");
  if (decided.length === 0) return "WITHDRAWN";
  if (decided.every((d) => d === "APPROVED")) return "APPROVED";
  if (decided.every((d) => d === "REFUSED")) return "REFUSED";
  return "PARTIALLY_APPROVED";
}

/** A request can be withdrawn (its pending APIs) while customs has not finished with it. */
export function canWithdrawRequest(status: RequestStatus): boolean {
  return status === "SUBMITTED";
}

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  SUBMITTED: "En attente de la douane",
  APPROVED: "Acceptée",
  PARTIALLY_APPROVED: "Partiellement acceptée",
  REFUSED: "Refusée",
  WITHDRAWN: "Retirée",
};

/** Slugs of the customs queue's state filter. */
export const REQUEST_STATUS_SLUGS: Record<RequestStatus, string> = {
  SUBMITTED: "en-attente",
  APPROVED: "acceptee",
  PARTIALLY_APPROVED: "partielle",
  REFUSED: "refusee",
  WITHDRAWN: "retiree",
};

export const ITEM_DECISION_LABELS: Record<ItemDecision, string> = {
  PENDING: "En attente",
  APPROVED: "Accordée",
  REFUSED: "Refusée",
  WITHDRAWN: "Retirée",
};
