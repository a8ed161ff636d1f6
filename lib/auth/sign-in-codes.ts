/** Codes shared by the sign-in flow and the sign-in page (browser-safe). */

/** `/login?erreur=…` after a federated sign-in the console refused (lib/auth/federated-users.ts). */
export const FEDERATION_REFUSED = "federation-refusee";
