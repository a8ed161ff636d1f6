/** Runs the token CLI's real bin (bin/douane-token.mjs) as an operator would: cwd outside the repository (no .env.local), a bare environment (no loader inherited from the test runner). */
import { spawn } from "node:child_process";
import path from "node:path";

const BIN = path.resolve(__dirname, "../../bin/douane-token.mjs");

export type CliRun = { code: number | null; stdout: string; stderr: string };

export function spawnCli(args: string[], options: { stdin?: string; env?: Record<string, string | undefined> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { NODE_ENV: "test", PATH: process.env.PATH, HOME: process.env.HOME, NODE_OPTIONS: "", ...options.env } as NodeJS.ProcessEnv;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: "/tmp", env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}
