/** The federation's provider id at next-auth (browser-safe: the sign-in button uses it). */
export const FEDERATION_PROVIDER_ID = "proconnect";
export const FEDERATION_LABEL = "ProConnect";
