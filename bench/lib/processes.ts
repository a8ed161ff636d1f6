/**
 * The servers the bench starts: each in its own process group (detached), on 127.0.0.1, killed with
 * its whole group when the bench ends — normally, on failure, or on Ctrl-C.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { readFileSync, readdirSync } from "node:fs";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";

export type Server = { name: string; url: string; pid: number; child: ChildProcess; logFile: string };

const running = new Set<Server>();

export const LOG_DIR = path.resolve(".tmp/bench/logs");

/** Refuses to start when something already listens on the port (it would be measured instead of our server). */
export async function assertPortFree(host: string, port: number): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  if (inUse) throw new Error(`le port ${host}:${port} est déjà utilisé : arrêtez ce qui l'occupe avant de lancer le banc d'essai.`);
}

export function startServer(name: string, url: string, command: string, args: string[], env: NodeJS.ProcessEnv): Server {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error(`${name} : démarrage impossible (${command})`);
  const server: Server = { name, url, pid: child.pid, child, logFile };
  running.add(server);
  child.on("exit", () => running.delete(server));
  return server;
}

/** Waits until the URL answers (any status), or fails after timeoutMs. */
export async function waitForHttp(server: Server, probePath: string, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} s'est arrêté (code ${server.child.exitCode}) : voir ${server.logFile}`);
    try {
      await fetch(`${server.url}${probePath}`, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${server.name} ne répond pas sur ${server.url}${probePath} après ${timeoutMs} ms : voir ${server.logFile}`);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone
  }
}

export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise<void>((resolve) => server.child.once("exit", () => resolve()));
    killGroup(server.pid, "SIGTERM");
    const timedOut = await Promise.race([exited.then(() => false), new Promise<boolean>((r) => setTimeout(() => r(true), 5_000))]);
    if (timedOut) killGroup(server.pid, "SIGKILL");
  }
  killGroup(server.pid, "SIGKILL"); // stragglers of the group
  running.delete(server);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stopServer));
}

/** Synchronous last resort (process exit): kill every group still running. */
export function killAllNow(): void {
  for (const server of running) killGroup(server.pid, "SIGKILL");
  running.clear();
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU time (ms, user + system, every thread) used so far by the server's process group. */
export function groupCpuMs(server: Server): number {
  return pgidCpuMs(server.pid);
}

/**
 * CPU time (ms, all threads) of every process of a process group (a server and its children) — or,
 * with `children`, of a process and its direct children (PostgreSQL's postmaster and its backends,
 * which each run in a session of their own).
 */
export function pgidCpuMs(pgid: number, children = false): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may contain spaces): state ppid pgrp … utime(14) stime(15).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const own = Number(entry) === pgid || (children && Number(fields[1]) === pgid);
      if (!children ? Number(fields[2]) !== pgid : !own) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // process ended meanwhile
    }
  }
  return (ticks * 1000) / CLOCK_TICKS;
}
