/** Runs once when the server starts: restores the trainer's demo clock (lib/demo-clock). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { loadDemoClock } = await import("./lib/demo-clock/service");
    await loadDemoClock();
  }
}
