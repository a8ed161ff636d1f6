/** Shapes and Markdown helpers of bench/RESULTS.md. */
import type { LoadResult } from "./load";

export type GoalCheck = {
  goal: string;
  figure: string;
  /** null: not measured (pending). */
  met: boolean | null;
  /** What bounds the figure (shown when the goal is missed), from this run's measures. */
  bound?: string;
};

export type SectionResult = {
  title: string;
  markdown: string;
  goals: GoalCheck[];
  /** Load results other sections refer to. */
  loads?: Record<string, LoadResult>;
  /** Other figures other sections refer to. */
  data?: Record<string, number>;
};

export function fmt(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace(/,/g, " ");
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export const LOAD_HEADER = ["Server", "Connections", "Requests", "req/s", "p50 (ms)", "p99 (ms)", "Errors / non-2xx", "Server CPU per request (ms)"];

export function loadRow(r: LoadResult, label = r.server): string[] {
  return [label, String(r.connections), fmt(r.requests), fmt(r.rps, 1), fmt(r.p50, 1), fmt(r.p99, 1), `${r.errors} / ${r.non2xx}`, fmt(r.cpuMsPerRequest, 2)];
}

export function verdict(met: boolean | null): string {
  if (met === null) return "pending";
  return met ? "**met**" : "**missed**";
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[index]!;
}
