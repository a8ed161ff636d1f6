/**
 * What the sign-in page says after a federated sign-in or a sign-out came back to it — the query
 * parameters next-auth (`error`) and the console (`erreur`, `deconnexion`) put there. Pure.
 */
import { FEDERATION_REFUSED } from "./sign-in-codes";

export type SignInNotice = { tone: "error" | "warning" | "info"; title: string; text: string };

const NEXT_AUTH_ERRORS: Record<string, SignInNotice> = {
  OAuthSignin: {
    tone: "error",
    title: "ProConnect ne répond pas",
    text: "La connexion avec ProConnect n’a pas pu commencer : le service ne répond pas. Réessayez dans un instant.",
  },
  OAuthCallback: {
    tone: "error",
    title: "Connexion ProConnect interrompue",
    text: "La réponse de ProConnect n’a pas pu être vérifiée (session expirée, page ouverte deux fois ou réponse altérée). Recommencez la connexion.",
  },
  AccessDenied: {
    tone: "error",
    title: "Connexion refusée",
    text: "La connexion a été refusée. Recommencez, ou contactez l’administrateur de la console.",
  },
};

const GENERIC: SignInNotice = { tone: "error", title: "Connexion impossible", text: "La connexion n’a pas abouti. Recommencez." };

const REFUSED: SignInNotice = {
  tone: "error",
  title: "Vous n’avez pas accès à cette console",
  text:
    "ProConnect vous a bien identifié, mais votre identité n’est rattachée à aucun utilisateur de la console. " +
    "Un accès est ouvert par l’administration (correspondants entreprise) ou par l’exploitant (agents, formateurs), " +
    "avec l’adresse email professionnelle que ProConnect transmet : demandez-le, puis reconnectez-vous.",
};

export function signInNotice(params: { error?: string; erreur?: string; deconnexion?: string }): SignInNotice | null {
  if (params.erreur === FEDERATION_REFUSED) return REFUSED;
  if (params.deconnexion === "locale") {
    return {
      tone: "warning",
      title: "Vous êtes déconnecté de la console",
      text: "Votre session ProConnect n’a pas pu être fermée (le service ne répond pas) : fermez votre navigateur si le poste est partagé.",
    };
  }
  if (params.error) return NEXT_AUTH_ERRORS[params.error] ?? GENERIC;
  return null;
}
