/**
 * Token client for the customs OAuth 2.0 password grant — usable outside the console (no Next.js,
 * no database): `new TokenClient({ tokenUrl, username, password }).fetch(url)`.
 * See README "Bibliothèque cliente".
 */
export * from "./client";
export * from "./errors";
export * from "./exchange";
export * from "./token-response";
export * from "./www-authenticate";
export * from "./clock-offset";
