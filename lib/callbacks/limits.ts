/** The numbers of test callbacks and of the demo receiver (pure: shared by the services and the Aide page). */

/** One timeout for the connection and the body of a test callback. */
export const CALLBACK_TIMEOUT_MS = 10_000;
/** What is kept of a response (and of a received body): its first 2 kB. */
export const SNIPPET_BYTES = 2048;
/** At most this many test callbacks per user per minute (the console must not become a traffic relay). */
export const MAX_SENDS_PER_MINUTE = 10;

export const RECEIVER_PREFIX = "/recepteur-demo";
export const RECEIVER_REALM = "recepteur-demo";
export const RECEIVER_MAX_BODY_BYTES = 64 * 1024;
export const RECEIVER_KEEP_PER_ACCOUNT = 100;
/** Wrong tokens for one account and API within the window → 429 for the block (the receiver must not become a token oracle). */
export const RECEIVER_BAD_TOKEN_LIMIT = { maxFailures: 10, windowMs: 15 * 60_000, blockMs: 15 * 60_000 } as const;
