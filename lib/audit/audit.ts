/** Audit events: who, when, what, on which account/SIRET. Never a secret. */
import { db, type Tx } from "../db";
import { now } from "../clock";
import { currentReplay } from "../replay";
import { auditDetailsJson, type AuditAction, type AuditDetails } from "./events";

export type AuditActor = { id: string; email: string } | null;

export type AuditInput<A extends AuditAction = AuditAction> = {
  /** When it happened, if not now (a url change is announced dated with its effective time). */
  at?: Date;
  actor: AuditActor;
  action: A;
  apiAccountId?: string | null;
  siret?: string | null;
} & (Record<string, never> extends AuditDetails<A> ? { details?: AuditDetails<A> } : { details: AuditDetails<A> });

export async function recordAudit<A extends AuditAction>(input: AuditInput<A>, tx?: Tx): Promise<void> {
  const client = tx ?? db();
  // An event written while a scenario is built says so (lib/replay.ts).
  const source = currentReplay()?.source;
  const details = auditDetailsJson(input.action, { ...(input.details as Record<string, unknown> | undefined), ...(source ? { source } : {}) });
  await client.auditEvent.create({
    data: {
      at: input.at ?? now(),
      actorId: input.actor?.id ?? null,
      actorEmail: input.actor?.email ?? null,
      action: input.action,
      apiAccountId: input.apiAccountId ?? null,
      siret: input.siret ?? null,
      details,
    },
  });
}

export { auditLabel } from "./events";
