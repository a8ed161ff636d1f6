/**
 * A fetch that applies the console's outbound policy (lib/net/outbound.ts) right before every
 * call — syntax and every DNS answer — and never follows a redirect.
 */
import { checkUrlResolved, type OutboundOptions } from "../net/outbound";
import type { FetchLike } from "../oauth-client/exchange";

export class OutboundRefusedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "OutboundRefusedError";
  }
}

const systemFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

export function policyFetch(options: OutboundOptions, base: FetchLike = systemFetch): FetchLike {
  return async (input, init) => {
    const url = String(input);
    const verdict = await checkUrlResolved(url, options);
    if (!verdict.ok) throw new OutboundRefusedError(verdict.reason);
    return base(url, { ...init, redirect: "manual" });
  };
}

/** Plain fetch for the configured environments' own URLs (trusted configuration), no redirect either. */
export function trustedFetch(base: FetchLike = systemFetch): FetchLike {
  return (input, init) => base(input, { ...init, redirect: "manual" });
}

/** Same scheme, host and port. */
export function sameOrigin(a: string, b: string | null | undefined): boolean {
  if (!b) return false;
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
