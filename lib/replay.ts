/**
 * A story replayed at chosen instants (the trainer's scenarios, lib/scenarios): inside
 * `replayAt(at, source, work)`, lib/clock.ts answers `at` (frozen), audit events carry
 * `source` in their details and the mailer sends nothing (the messages stay in the outbox).
 * The scope is the async call chain of `work` only (AsyncLocalStorage): the console's clock, and
 * every request served meanwhile, are untouched.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export type Replay = { atMs: number; source: string };

// One storage per process, even when the bundler loads this module more than once.
const globalForReplay = globalThis as unknown as { __consoleReplay?: AsyncLocalStorage<Replay> };
const storage: AsyncLocalStorage<Replay> = (globalForReplay.__consoleReplay ??= new AsyncLocalStorage<Replay>());

export function replayAt<T>(at: Date, source: string, work: () => Promise<T>): Promise<T> {
  return storage.run({ atMs: at.getTime(), source }, work);
}

/** The replay in progress in this call chain, if any. */
export function currentReplay(): Replay | undefined {
  return storage.getStore();
}
