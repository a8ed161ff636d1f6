/**
 * Calls the fixture service (./fixture-server.ts) synchronously, as the former `npx tsx` calls
 * were: curl, retried while the service is still starting; a failure throws with its reason.
 */
import { execFileSync } from "node:child_process";

const port = Number(process.env.E2E_FIXTURES_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 45);

export function callFixture<T = unknown>(command: string, args: unknown = {}): T {
  let out: string;
  try {
    out = execFileSync(
      "curl",
      ["-sS", "--noproxy", "*", "--fail-with-body", "--retry", "30", "--retry-connrefused", "--retry-delay", "1", "--max-time", "120", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "@-", `http://127.0.0.1:${port}/${command}`],
      { input: JSON.stringify(args), encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] },
    );
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`fixture « ${command} » : ${e.stderr?.trim() ?? ""}\n${e.stdout ?? ""}`);
  }
  return JSON.parse(out) as T;
}
