import { describe, expect, it } from "vitest";
import { EMPTY_URL_STATE, cancelPending, effectiveTime, isPendingEffective, planUrlChange, settle, urlAt, type UrlState } from "@/lib/habilitations/url-change";

const T0 = new Date("2026-03-01T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const FOUR_HOURS = 4 * 3600;
const A = "https://a.entreprise.fr/douane";
const B = "https://b.entreprise.fr/douane";
const C = "https://c.entreprise.fr/douane";

function scheduled(state: UrlState, value: string, seconds: number, delay = FOUR_HOURS): UrlState {
  const plan = planUrlChange(state, value, at(seconds), delay);
  if (plan.kind !== "scheduled") throw new Error(`expected scheduled, got ${plan.kind}`);
  return plan.state;
}

describe("delayed url activation", () => {
  it("the first url is not effective at once: pending until now + the API's delay", () => {
    const plan = planUrlChange(EMPTY_URL_STATE, A, T0, FOUR_HOURS);
    expect(plan.kind).toBe("scheduled");
    if (plan.kind !== "scheduled") return;
    expect(plan.effectiveAt).toEqual(at(FOUR_HOURS));
    expect(plan.replaced).toBeNull();
    expect(plan.state).toEqual({ value: null, pendingValue: A, pendingRequestedAt: T0, pendingEffectiveAt: at(FOUR_HOURS) });
  });

  it("before the effective time the active value stays; the pending one is announced", () => {
    const state = scheduled({ ...EMPTY_URL_STATE, value: A }, B, 0);
    expect(urlAt(state, at(FOUR_HOURS - 1))).toEqual({
      active: A,
      pending: { value: B, requestedAt: T0, effectiveAt: at(FOUR_HOURS) },
      activeSince: null,
    });
    expect(isPendingEffective(state, at(FOUR_HOURS - 0.001))).toBe(false);
  });

  it("at the effective time exactly, the new value applies", () => {
    const state = scheduled({ ...EMPTY_URL_STATE, value: A }, B, 0);
    expect(urlAt(state, at(FOUR_HOURS))).toEqual({ active: B, pending: null, activeSince: at(FOUR_HOURS) });
    expect(isPendingEffective(state, at(FOUR_HOURS))).toBe(true);
  });

  it("after the effective time, the new value applies and settles into the active value", () => {
    const state = scheduled({ ...EMPTY_URL_STATE, value: A }, B, 0);
    expect(urlAt(state, at(FOUR_HOURS + 3600)).active).toBe(B);
    expect(settle(state, at(FOUR_HOURS + 3600))).toEqual({ ...EMPTY_URL_STATE, value: B });
    expect(settle(state, at(10))).toBe(state);
  });

  it("a first url has no active value before its time", () => {
    const state = scheduled(EMPTY_URL_STATE, A, 0, 900);
    expect(urlAt(state, at(899)).active).toBeNull();
    expect(urlAt(state, at(900)).active).toBe(A);
  });

  it("a second change replaces the pending one and restarts the delay", () => {
    const first = scheduled({ ...EMPTY_URL_STATE, value: A }, B, 0);
    const plan = planUrlChange(first, C, at(3600), FOUR_HOURS);
    expect(plan.kind).toBe("scheduled");
    if (plan.kind !== "scheduled") return;
    expect(plan.replaced).toBe(B);
    expect(plan.effectiveAt).toEqual(at(3600 + FOUR_HOURS));
    // B never becomes effective: at B's former time A is still active, C is pending.
    expect(urlAt(plan.state, at(FOUR_HOURS))).toMatchObject({ active: A, pending: { value: C } });
    expect(urlAt(plan.state, at(3600 + FOUR_HOURS)).active).toBe(C);
  });

  it("a change after the previous one took effect starts from the new active value", () => {
    const first = scheduled({ ...EMPTY_URL_STATE, value: A }, B, 0);
    const plan = planUrlChange(first, C, at(FOUR_HOURS + 60), 900);
    expect(plan).toMatchObject({ kind: "scheduled", replaced: null, state: { value: B, pendingValue: C } });
  });

  it("asking again for the pending value changes nothing (the delay is not restarted)", () => {
    const first = scheduled({ ...EMPTY_URL_STATE, value: A }, B, 0);
    const plan = planUrlChange(first, B, at(600), FOUR_HOURS);
    expect(plan.kind).toBe("unchanged");
    expect(plan.state.pendingEffectiveAt).toEqual(at(FOUR_HOURS));
    expect(planUrlChange({ ...EMPTY_URL_STATE, value: A }, A, T0, FOUR_HOURS).kind).toBe("unchanged");
  });

  it("asking for the active value while a change is pending cancels the change", () => {
    const first = scheduled({ ...EMPTY_URL_STATE, value: A }, B, 0);
    expect(planUrlChange(first, A, at(60), FOUR_HOURS)).toEqual({ kind: "cancelled", state: { ...EMPTY_URL_STATE, value: A }, cancelled: B });
  });

  it("a pending change can be cancelled before its time, not after", () => {
    const first = scheduled({ ...EMPTY_URL_STATE, value: A }, B, 0);
    const cancelled = cancelPending(first, at(FOUR_HOURS - 1));
    expect(cancelled).toEqual({ kind: "cancelled", state: { ...EMPTY_URL_STATE, value: A }, cancelled: B });
    expect(urlAt(cancelled.state, at(FOUR_HOURS * 2)).active).toBe(A);
    expect(cancelPending(first, at(FOUR_HOURS))).toEqual({ kind: "nothing", state: { ...EMPTY_URL_STATE, value: B } });
    expect(cancelPending({ ...EMPTY_URL_STATE, value: A }, T0).kind).toBe("nothing");
  });

  it("cancelling a first url leaves no url at all", () => {
    const first = scheduled(EMPTY_URL_STATE, A, 0);
    expect(cancelPending(first, at(1)).state).toEqual(EMPTY_URL_STATE);
  });

  it("computes the effective time from the delay", () => {
    expect(effectiveTime(T0, 900)).toEqual(at(900));
    expect(effectiveTime(T0, -5)).toEqual(T0);
  });
});
