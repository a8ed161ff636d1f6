/**
 * Who a federated sign-in is (lib/auth/federation.ts): the provider says who the person is; the
 * console's database alone says what they may do. Nobody is ever created by signing in —
 * correspondents are named by ADMINISTRATION, agents and trainers are set up by the operator.
 *
 *  1. The provider's (issuer, sub) already linked to a user → that user, whatever email the
 *     provider now sends (a person whose email changed at the provider stays themselves).
 *  2. Otherwise, the first sign-in: the user whose email is the provider's, if the email is
 *     verified (`email_verified: true`, or OIDC_EMAILS_VERIFIED=on) and the user is not linked
 *     yet — then linked, once (a conditional update: two racing first sign-ins link one identity).
 *  3. Anything else is refused, audited with its reason; the person sees one refusal whatever the
 *     reason (the answer never tells whether an email is known to the console).
 */
import { db } from "../db";
import { now } from "../clock";
import { recordAudit } from "../audit/audit";
import { uniqueViolationFields } from "../db-errors";
import type { FederationConfig } from "./federation";
import type { SessionUser } from "./users";

/** The claims the console reads from the provider's (signed) userinfo. */
export type FederatedProfile = { sub?: unknown; email?: unknown; email_verified?: unknown };

export type FederatedRefusal = "INVALID_CLAIMS" | "UNKNOWN_PERSON" | "EMAIL_NOT_VERIFIED" | "LINKED_TO_ANOTHER_IDENTITY";

export type FederatedSignInResult = { ok: true; user: SessionUser; linkedNow: boolean } | { ok: false; reason: FederatedRefusal };

const SELECT = { id: true, email: true, name: true, role: true, federatedIssuer: true, federatedSub: true } as const;

function claimText(raw: unknown, max: number): string | null {
  return typeof raw === "string" && raw.length > 0 && raw.length <= max ? raw : null;
}

function normaliseEmail(raw: unknown): string | null {
  const email = claimText(raw, 254)?.trim().toLowerCase();
  return email && email.includes("@") ? email : null;
}

/** The console user linked to this provider identity, if any. */
export function findFederatedUser(issuer: string, sub: string): Promise<SessionUser | null> {
  return db().user.findUnique({
    where: { federatedIssuer_federatedSub: { federatedIssuer: issuer, federatedSub: sub } },
    select: { id: true, email: true, name: true, role: true },
  });
}

async function refuse(
  reason: FederatedRefusal,
  who: { sub: string | null; email: string | null; address: string },
  user: { id: string; email: string } | null,
): Promise<FederatedSignInResult> {
  await recordAudit({
    actor: user,
    action: "FEDERATED_LOGIN_REFUSED",
    details: { reason, providerEmail: (who.email ?? "").slice(0, 200), sub: (who.sub ?? "").slice(0, 200), address: who.address },
  });
  return { ok: false, reason };
}

export async function signInFederated(config: FederationConfig, profile: FederatedProfile, address: string): Promise<FederatedSignInResult> {
  const sub = claimText(profile.sub, 255);
  const email = normaliseEmail(profile.email);
  const who = { sub, email, address };
  if (!sub) return refuse("INVALID_CLAIMS", who, null);

  const linked = await findFederatedUser(config.issuer, sub);
  if (linked) {
    await recordAudit({ actor: linked, action: "LOGIN_SUCCEEDED", details: { address, method: "federation" } });
    return { ok: true, user: linked, linkedNow: false };
  }

  const candidate = email ? await db().user.findUnique({ where: { email }, select: SELECT }) : null;
  if (!candidate) return refuse("UNKNOWN_PERSON", who, null);
  const actor = { id: candidate.id, email: candidate.email };
  const verified = config.emailsVerifiedByProvider || profile.email_verified === true;
  if (!verified) return refuse("EMAIL_NOT_VERIFIED", who, actor);
  if (candidate.federatedSub !== null) return refuse("LINKED_TO_ANOTHER_IDENTITY", who, actor);

  let count = 0;
  try {
    ({ count } = await db().user.updateMany({
      where: { id: candidate.id, federatedSub: null },
      data: { federatedIssuer: config.issuer, federatedSub: sub, federatedLinkedAt: now() },
    }));
  } catch (error) {
    // This identity was linked to someone else meanwhile.
    if (uniqueViolationFields(error) === null) throw error;
    return refuse("LINKED_TO_ANOTHER_IDENTITY", who, actor);
  }
  if (count === 0) {
    // A racing first sign-in linked the user first: fine if it was this very identity.
    const again = await findFederatedUser(config.issuer, sub);
    if (again?.id !== candidate.id) return refuse("LINKED_TO_ANOTHER_IDENTITY", who, actor);
  } else {
    await recordAudit({ actor, action: "FEDERATED_IDENTITY_LINKED", details: { issuer: config.issuer.slice(0, 500), sub: sub.slice(0, 200), providerEmail: email! } });
  }
  await recordAudit({ actor, action: "LOGIN_SUCCEEDED", details: { address, method: "federation" } });
  const user = { id: candidate.id, email: candidate.email, name: candidate.name, role: candidate.role };
  return { ok: true, user, linkedNow: count > 0 };
}
