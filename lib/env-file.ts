/** Scripts run outside Next.js (seed, CLI, setup) read the same local env file Next.js reads. */
import { existsSync } from "node:fs";

export function loadLocalEnv(file = ".env.local"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
