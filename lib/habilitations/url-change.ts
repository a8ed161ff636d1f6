/**
 * Delayed activation of a url field (SPEC "Per-API data"): a change — the first one too — is
 * not effective at once. The stored state is the active value plus at most one pending change
 * (value + effective time = request time + the API's delay). Pure: the effective value at any
 * instant is computed from the stored state and an instant read from lib/clock.ts, so no
 * background job is needed and a demo clock can move time.
 *  - before the effective time: the active value still applies, the pending one is announced;
 *  - at and after it: the pending value is the effective one;
 *  - a new change replaces the pending one and restarts the delay;
 *  - a pending change can be cancelled until it takes effect.
 */
export type UrlState = {
  value: string | null;
  pendingValue: string | null;
  pendingRequestedAt: Date | null;
  pendingEffectiveAt: Date | null;
};

export type PendingUrl = { value: string; requestedAt: Date | null; effectiveAt: Date };

export type UrlView = {
  /** The value customs uses at the instant (null: none yet). */
  active: string | null;
  /** A change announced but not yet effective at the instant. */
  pending: PendingUrl | null;
  /** When the active value took effect, if it came from a scheduled change. */
  activeSince: Date | null;
};

export const EMPTY_URL_STATE: UrlState = { value: null, pendingValue: null, pendingRequestedAt: null, pendingEffectiveAt: null };

function hasPending(state: UrlState): state is UrlState & { pendingValue: string; pendingEffectiveAt: Date } {
  return state.pendingValue !== null && state.pendingEffectiveAt !== null;
}

/** True when the scheduled change applies at `at` (the effective time itself included). */
export function isPendingEffective(state: UrlState, at: Date): boolean {
  return hasPending(state) && state.pendingEffectiveAt.getTime() <= at.getTime();
}

export function urlAt(state: UrlState, at: Date): UrlView {
  if (!hasPending(state)) return { active: state.value, pending: null, activeSince: null };
  if (isPendingEffective(state, at)) return { active: state.pendingValue, pending: null, activeSince: state.pendingEffectiveAt };
  return {
    active: state.value,
    pending: { value: state.pendingValue, requestedAt: state.pendingRequestedAt, effectiveAt: state.pendingEffectiveAt },
    activeSince: null,
  };
}

/** The same state with a change that has taken effect at `at` folded into the active value. */
export function settle(state: UrlState, at: Date): UrlState {
  if (!isPendingEffective(state, at)) return state;
  return { value: state.pendingValue, pendingValue: null, pendingRequestedAt: null, pendingEffectiveAt: null };
}

export function effectiveTime(at: Date, delaySeconds: number): Date {
  return new Date(at.getTime() + Math.max(0, delaySeconds) * 1000);
}

export type UrlPlan =
  /** Nothing to store: the value is already the active one (no pending) or already the pending one. */
  | { kind: "unchanged"; state: UrlState }
  /** A change is (re)scheduled; `replaced` is the pending value it replaces, if any. */
  | { kind: "scheduled"; state: UrlState; effectiveAt: Date; replaced: string | null }
  /** Asking for the active value while a change is pending cancels that change. */
  | { kind: "cancelled"; state: UrlState; cancelled: string };

export function planUrlChange(current: UrlState, newValue: string, at: Date, delaySeconds: number): UrlPlan {
  const state = settle(current, at);
  if (hasPending(state)) {
    if (newValue === state.pendingValue) return { kind: "unchanged", state };
    if (newValue === state.value) {
      return { kind: "cancelled", state: { ...EMPTY_URL_STATE, value: state.value }, cancelled: state.pendingValue };
    }
  } else if (newValue === state.value) {
    return { kind: "unchanged", state };
  }
  const effectiveAt = effectiveTime(at, delaySeconds);
  return {
    kind: "scheduled",
    state: { value: state.value, pendingValue: newValue, pendingRequestedAt: at, pendingEffectiveAt: effectiveAt },
    effectiveAt,
    replaced: hasPending(state) ? state.pendingValue : null,
  };
}

export type CancelPlan = { kind: "cancelled"; state: UrlState; cancelled: string } | { kind: "nothing"; state: UrlState };

/** Drops a change not yet effective at `at`; a change already effective cannot be cancelled. */
export function cancelPending(current: UrlState, at: Date): CancelPlan {
  const state = settle(current, at);
  if (!hasPending(state)) return { kind: "nothing", state };
  return {
    kind: "cancelled",
    state: { value: state.value, pendingValue: null, pendingRequestedAt: null, pendingEffectiveAt: null },
    cancelled: state.pendingValue,
  };
}
