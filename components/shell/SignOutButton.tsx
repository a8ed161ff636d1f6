"use client";
import { useState } from "react";
import { signOutAction } from "@/lib/auth/actions";

/**
 * Ends the session on the server (and, for a ProConnect session, sends the browser to the
 * provider's sign-out, which comes back to /login). A full navigation: nothing of the signed-in
 * pages stays in the router's cache.
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  async function signOut() {
    setPending(true);
    setFailed(false);
    try {
      const result = await signOutAction();
      if (result.ok) {
        window.location.assign(result.data.redirectTo);
        return;
      }
    } catch {
      // shown below
    }
    setFailed(true);
    setPending(false);
  }
  return (
    <>
      {failed && (
        <span role="alert" className="text-sm text-rouge">
          La déconnexion n’a pas abouti : réessayez.
        </span>
      )}
      <button
        type="button"
        onClick={() => void signOut()}
        disabled={pending}
        aria-busy={pending}
        className="rounded border border-marianne px-3 py-1.5 text-sm font-medium text-marianne hover:bg-marianne-light disabled:opacity-60"
      >
        {pending ? "Déconnexion…" : "Se déconnecter"}
      </button>
    </>
  );
}
