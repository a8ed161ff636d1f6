/**
 * Where the tester keeps a run's refresh token between the run and its "Rafraîchir" step: in this
 * process's memory only (never the database, never the browser), bound to the user who ran the
 * test, for at most 15 minutes, at most 500 entries (the oldest go first).
 */
export type StoredRun = {
  actorId: string;
  tokenUrl: string;
  clientId: string;
  trusted: boolean;
  refreshToken: string;
  expiresAtMs: number;
};

export const STORE_TTL_MS = 15 * 60_000;
const MAX_ENTRIES = 500;

const globalStore = globalThis as unknown as { __tokenTesterStore?: Map<string, StoredRun> };
const store: Map<string, StoredRun> = (globalStore.__tokenTesterStore ??= new Map());

export function keepRun(runId: string, entry: StoredRun, nowMs: number): void {
  for (const [id, e] of store) if (e.expiresAtMs <= nowMs) store.delete(id);
  while (store.size >= MAX_ENTRIES) {
    const oldest = store.keys().next().value;
    if (oldest === undefined) break;
    store.delete(oldest);
  }
  store.set(runId, entry);
}

/** The run's entry if it belongs to this user and has not expired. */
export function takeRun(runId: string, actorId: string, nowMs: number): StoredRun | null {
  const entry = store.get(runId);
  if (!entry) return null;
  if (entry.expiresAtMs <= nowMs) {
    store.delete(runId);
    return null;
  }
  return entry.actorId === actorId ? entry : null;
}

export function forgetRun(runId: string): void {
  store.delete(runId);
}
