/**
 * The token client (lib/oauth-client): "1,000 concurrent calls → token requests made, and per-call
 * overhead". The client library is built on another branch and is not merged yet: this section
 * reports it as pending, with no figure, until lib/oauth-client lands on main and this module
 * measures it (1,000 concurrent calls through the client against the console's simulator: count
 * the token requests the simulator received — goal 1 — and the client's added time per call).
 */
import type { SectionResult } from "../lib/report";

export const PENDING = "pending: lib/oauth-client not merged";

export function tokenClientSection(): SectionResult {
  return {
    title: "Token client — 1,000 concurrent calls",
    markdown: `**${PENDING}.** The token client library (\`lib/oauth-client/\`) is being built on another branch; no figure is reported until it is merged and measured here.`,
    goals: [{ goal: "1 token request per 1,000 client calls", figure: PENDING, met: null }],
  };
}
