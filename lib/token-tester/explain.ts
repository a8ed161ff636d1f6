/**
 * French explanations of what can go wrong when obtaining or using a token — shared by the
 * tester page and the CLI. Pure.
 */
import type { BearerChallenge } from "../oauth-client/www-authenticate";

export type Explanation = { title: string; text: string };

const OAUTH: Record<string, Explanation> = {
  invalid_grant: {
    title: "Identifiant ou mot de passe refusé (invalid_grant)",
    text:
      "Le serveur refuse le couple identifiant / mot de passe : l'identifiant ou le mot de passe est faux, ou le compte API n'est pas actif " +
      "(pas encore habilité, désactivé, mot de passe changé récemment). Vérifiez l'identifiant exact du compte API, ressaisissez le mot de passe, " +
      "et rappelez-vous qu'un changement de mot de passe est immédiat : l'ancien ne fonctionne plus.",
  },
  invalid_client: {
    title: "Client refusé (invalid_client)",
    text: "Le client_id n'est pas reconnu. Pour la douane, client_id vaut toujours « gun-api ».",
  },
  invalid_request: {
    title: "Requête mal formée (invalid_request)",
    text:
      "Un paramètre manque, est répété ou mal encodé. La requête doit être un POST en application/x-www-form-urlencoded avec " +
      "grant_type=password, client_id=gun-api, scope=openid, username et password.",
  },
  unauthorized_client: {
    title: "Client non autorisé pour ce type d'accès (unauthorized_client)",
    text: "Le client « gun-api » n'est pas autorisé à utiliser ce grant sur ce serveur. Vérifiez l'environnement choisi.",
  },
  unsupported_grant_type: {
    title: "Type d'accès non pris en charge (unsupported_grant_type)",
    text: "Le serveur n'accepte pas ce grant_type. La douane utilise grant_type=password (et refresh_token pour rafraîchir).",
  },
  invalid_scope: {
    title: "Portée refusée (invalid_scope)",
    text: "La portée demandée est refusée. Pour la douane, scope vaut toujours « openid ».",
  },
};

const REFRESH_INVALID_GRANT: Explanation = {
  title: "Refresh token refusé (invalid_grant)",
  text:
    "Le refresh_token est invalide, expiré, déjà utilisé (le serveur en émet un nouveau à chaque rafraîchissement) ou révoqué " +
    "(changement de mot de passe du compte). Relancez un test pour obtenir un nouveau jeton.",
};

export function explainOAuthError(error: string, description: string | null, grant: "password" | "refresh_token" = "password"): Explanation {
  const known = grant === "refresh_token" && error === "invalid_grant" ? REFRESH_INVALID_GRANT : OAUTH[error];
  const detail = description ? ` Message du serveur : « ${description} ».` : "";
  if (known) return { title: known.title, text: known.text + detail };
  return {
    title: `Erreur OAuth non standard (${error})`,
    text: `Le serveur a répondu un code d'erreur qui n'est pas l'un de ceux de la RFC 6749 §5.2.${detail}`,
  };
}

export function explainHttpStatus(status: number, retryAfter: string | null = null): Explanation {
  if (status >= 300 && status < 400) {
    return {
      title: `Redirection (HTTP ${status})`,
      text: "Le point d'accès répond par une redirection, qui n'est jamais suivie (le mot de passe ne doit pas être renvoyé ailleurs). Vérifiez l'URL du jeton : elle se termine par /oauth2/token.",
    };
  }
  if (status === 401) return { title: "Authentification refusée (HTTP 401)", text: "Le serveur de jetons refuse la requête sans réponse d'erreur OAuth exploitable." };
  if (status === 404) return { title: "Adresse introuvable (HTTP 404)", text: "Aucun point d'accès à cette adresse : vérifiez l'URL du jeton (…/oauth2/token) et l'environnement." };
  if (status === 405) return { title: "Méthode refusée (HTTP 405)", text: "Cette adresse n'accepte pas de POST : ce n'est probablement pas le point d'accès du jeton." };
  if (status === 429) {
    return {
      title: "Trop de tentatives (HTTP 429)",
      text: `Le serveur limite les essais après des échecs répétés.${retryAfter ? ` Réessayez dans ${retryAfter} s.` : " Patientez avant de réessayer."}`,
    };
  }
  if (status >= 500) return { title: `Erreur du serveur (HTTP ${status})`, text: "Le serveur de jetons est en panne ou surchargé. Réessayez plus tard ; si cela dure, contactez le support de l'environnement." };
  return { title: `Statut inattendu (HTTP ${status})`, text: "Le guide n'admet que HTTP 200 (jeton) ou HTTP 400 (erreur OAuth) : tout autre statut est une erreur." };
}

export function explainMalformed(problems: readonly string[]): Explanation {
  return {
    title: "Réponse HTTP 200 non conforme",
    text: `Le serveur a répondu 200 mais pas avec l'objet JSON attendu : ${problems.join(" ; ")}. Un client strict ne peut pas utiliser ce jeton.`,
  };
}

export function explainTimeout(timeoutMs: number): Explanation {
  return {
    title: "Délai dépassé",
    text: `Pas de réponse complète en ${(timeoutMs / 1000).toLocaleString("fr-FR")} s. Le serveur est lent ou injoignable (pare-feu, proxy) : vérifiez l'accès réseau au serveur de jetons.`,
  };
}

export function explainNetwork(message: string): Explanation {
  return { title: "Connexion impossible", text: `${message} Vérifiez l'URL, le DNS, le pare-feu et le certificat TLS du serveur.` };
}

/** What an API's answer to an authenticated call means. */
export function explainApiAnswer(status: number, challenge: BearerChallenge | null): Explanation {
  if (status >= 200 && status < 300) return { title: `Appel accepté (HTTP ${status})`, text: "L'API accepte le jeton." };
  if (challenge?.error === "invalid_token") {
    return {
      title: `Jeton refusé (HTTP ${status}, invalid_token)`,
      text: "L'API considère le jeton invalide, expiré ou révoqué. Un client doit alors demander un nouveau jeton puis réessayer une seule fois. Si un jeton neuf est refusé aussi, vérifiez que l'API et le serveur de jetons sont du même environnement.",
    };
  }
  if (challenge?.error === "insufficient_scope") {
    return {
      title: `Droits insuffisants (HTTP ${status}, insufficient_scope)`,
      text: `Le jeton est valide mais le compte API n'est pas habilité sur cette API${challenge.scope ? ` (portée attendue : ${challenge.scope})` : ""}. Demandez l'habilitation depuis la fiche du compte API.`,
    };
  }
  if (challenge?.error === "invalid_request") {
    return { title: `Requête refusée (HTTP ${status}, invalid_request)`, text: "L'en-tête Authorization est mal formé ou le jeton est présenté de plusieurs façons (RFC 6750 §3.1)." };
  }
  if (status === 401) {
    return { title: "Authentification requise (HTTP 401)", text: "L'API n'a pas reconnu de jeton dans la requête : l'en-tête doit être « Authorization: Bearer <access_token> »." };
  }
  if (status === 403) return { title: "Accès interdit (HTTP 403)", text: "L'API refuse l'accès à ce compte API." };
  if (status === 404) return { title: "Ressource introuvable (HTTP 404)", text: "Le jeton n'est pas en cause : l'adresse de l'API n'existe pas." };
  if (status >= 300 && status < 400) return { title: `Redirection (HTTP ${status})`, text: "L'API répond par une redirection, qui n'est pas suivie (le jeton ne doit pas partir ailleurs)." };
  if (status >= 500) return { title: `Erreur de l'API (HTTP ${status})`, text: "L'API est en panne ou surchargée : le jeton n'est pas forcément en cause." };
  return { title: `Réponse HTTP ${status}`, text: "Réponse inattendue de l'API." };
}

export function clockAdvice(offsetMs: number): string {
  const seconds = Math.round(Math.abs(offsetMs) / 100) / 10;
  const direction = offsetMs > 0 ? "en retard sur" : "en avance sur";
  return `L'horloge de cette machine est ${direction} celle du serveur d'environ ${seconds.toLocaleString("fr-FR")} s. Le guide demande des horloges synchronisées par NTP : un décalage fait expirer les jetons trop tôt ou trop tard. Synchronisez l'horloge (timedatectl set-ntp true, chrony ou ntpd).`;
}
