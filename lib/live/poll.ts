/** How often a visible page asks whether it changed (components/live/LiveRefresh.tsx): 12 requests a minute per visible tab, none hidden. */
export const LIVE_POLL_MS = 5_000;
