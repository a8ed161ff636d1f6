/** What the figures were measured on. */
import { cpus, loadavg, totalmem, type as osType, release } from "node:os";
import { readFileSync } from "node:fs";

export type Machine = { cpuModel: string; cores: number; ramGiB: number; node: string; os: string; date: string };

export function machine(at: Date): Machine {
  const list = cpus();
  let os = `${osType()} ${release()}`;
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync("/etc/os-release", "utf8"));
    if (pretty?.[1]) os = `${pretty[1]} (${os})`;
  } catch {
    // not Linux
  }
  return {
    cpuModel: list[0]?.model.trim() ?? "inconnu",
    cores: list.length,
    ramGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os,
    date: at.toISOString(),
  };
}

/** The 1-minute load average: how busy the machine was with OTHER work around a measure. */
export function load1(): number {
  return Math.round(loadavg()[0]! * 100) / 100;
}
