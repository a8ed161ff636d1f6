/**
 * Certification of a collaborator's attachment to a SIRET (SPEC "People": the correspondent may
 * certify or de-certify — officially confirm or reject — the attachment of colleagues' douane.gouv
 * accounts to the company). Pure transition rules.
 */
import type { AttachmentStatus } from "@/generated/prisma/enums";

export type AttachmentDecision = "certify" | "decertify";

export const NEXT_STATUS: Record<AttachmentDecision, AttachmentStatus> = { certify: "CERTIFIED", decertify: "DECERTIFIED" };

/** PENDING → CERTIFIED | DECERTIFIED; CERTIFIED → DECERTIFIED; DECERTIFIED → CERTIFIED (re-certification). */
export function canDecide(current: AttachmentStatus, decision: AttachmentDecision): boolean {
  if (decision === "certify") return current === "PENDING" || current === "DECERTIFIED";
  return current === "PENDING" || current === "CERTIFIED";
}

export const ATTACHMENT_STATUS_LABELS: Record<AttachmentStatus, string> = {
  PENDING: "En attente de certification",
  CERTIFIED: "Certifié",
  DECERTIFIED: "Décertifié",
};
