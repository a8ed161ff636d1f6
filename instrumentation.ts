/**
 * Runs once when a server process starts: the trainer's demo clock restored and followed, the
 * watch of other instances' changes (lib/db-changes.ts), and the sweeper (lib/sweep/sweep.ts).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { followDemoClock, loadDemoClock } = await import("./lib/demo-clock/service");
  const { watchDatabaseChanges } = await import("./lib/db-changes");
  const { startSweeper } = await import("./lib/sweep/sweep");
  await loadDemoClock();
  followDemoClock();
  watchDatabaseChanges();
  if (process.env.CONSOLE_SWEEPER !== "off") startSweeper();
}
