/**
 * Correspondents of a SIRET (SPEC "People": a correspondent may name other correspondents).
 * Pure rules: a SIRET always keeps at least one correspondent; only people attached to the
 * company can be named.
 */
import type { Role } from "@/generated/prisma/enums";

export const MIN_CORRESPONDENTS_PER_SIRET = 1;

export function canRemoveCorrespondent(currentCount: number): boolean {
  return currentCount > MIN_CORRESPONDENTS_PER_SIRET;
}

/** Customs agents and trainers are not company staff: they are never named correspondents. */
export function canBeNamedCorrespondent(role: Role): boolean {
  return role === "CORRESPONDENT" || role === "COLLABORATOR";
}
