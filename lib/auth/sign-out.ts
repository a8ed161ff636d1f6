/**
 * Signing out: the console's session ends on the server (its row, ./sessions.ts — the cookie is
 * then worthless on every instance, even if the browser kept it), and a federated session also
 * ends at the provider: the browser is sent to its `end_session_endpoint` (./federation.ts), which
 * sends it back to the sign-in page.
 */
import { randomBytes } from "node:crypto";
import type { JWT } from "next-auth/jwt";
import { recordAudit } from "../audit/audit";
import { consoleBaseUrl } from "../oauth/environments";
import { endSession } from "./sessions";
import { endSessionUrl, signInMethods } from "./federation";

export const SIGNED_OUT_PATH = "/login";
/** Where the provider sends the browser back (to register at the provider as post_logout_redirect_uri). */
export function postLogoutRedirectUri(): string {
  return `${consoleBaseUrl()}${SIGNED_OUT_PATH}`;
}

export type SignOutOutcome = {
  /** Where the browser goes next: the provider's sign-out, or the console's sign-in page (`?deconnexion=locale` when the provider could not be asked to end its session). */
  redirectTo: string;
};

/** Ends the console's session of this cookie (also next-auth's own POST /api/auth/signout). */
export async function endConsoleSession(token: JWT | null | undefined): Promise<void> {
  if (!token) return;
  await endSession(token.sid, "SIGN_OUT");
  if (typeof token.uid === "string") {
    await recordAudit({ actor: { id: token.uid, email: typeof token.email === "string" ? token.email : "" }, action: "LOGOUT" });
  }
}

export async function signOutSession(token: JWT | null): Promise<SignOutOutcome> {
  if (!token) return { redirectTo: SIGNED_OUT_PATH };
  await endConsoleSession(token);
  const federation = signInMethods().federation;
  if (token.method !== "federation" || !federation || typeof token.idToken !== "string") {
    return { redirectTo: SIGNED_OUT_PATH };
  }
  const url = await endSessionUrl(federation, {
    idToken: token.idToken,
    postLogoutRedirectUri: postLogoutRedirectUri(),
    state: randomBytes(16).toString("base64url"),
  });
  return { redirectTo: url ?? `${SIGNED_OUT_PATH}?deconnexion=locale` };
}
