"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { ProConnectButton } from "@codegouvfr/react-dsfr/ProConnectButton";
import "@codegouvfr/react-dsfr/dsfr/component/connect/connect.min.css";
import { FEDERATION_PROVIDER_ID } from "@/lib/auth/federation-id";

/** « S’identifier avec ProConnect » (the DSFR button): authorization code + PKCE, state and nonce. */
export function ProConnectSignIn({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  async function start() {
    if (pending) return;
    setPending(true);
    setFailed(false);
    try {
      // Sends the browser to the provider (next-auth sets the state, nonce and PKCE cookies first).
      await signIn(FEDERATION_PROVIDER_ID, { callbackUrl });
    } catch {
      setFailed(true);
      setPending(false);
    }
  }
  return (
    <div aria-busy={pending}>
      <ProConnectButton onClick={() => void start()} />
      {failed && (
        <p role="alert" className="mt-2 text-sm text-rouge">
          Le service de connexion ne répond pas. Réessayez dans un instant.
        </p>
      )}
    </div>
  );
}
