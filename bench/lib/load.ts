/**
 * Load runs with autocannon (programmatic), plus the server's CPU time per request read from
 * /proc (a figure that other programs running on the machine distort much less than req/s).
 *
 * Servers compared with each other are measured in interleaved rounds (A, B, C, A, B, C, …), so
 * that the other work of this shared machine, which comes and goes, weighs on each of them alike.
 */
import autocannon from "autocannon";
import { groupCpuMs, pgidCpuMs, type Server } from "./processes";
import { percentile } from "./report";

export type LoadOptions = {
  title: string;
  server: Server;
  path: string;
  connections: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Per-request dynamic setup (e.g. a different account or refresh token on each request). */
  requests?: autocannon.Request[];
  /** Run before the warm-up and before each round, outside the measure (e.g. top up a pool of refresh tokens). */
  beforeRun?: () => Promise<void>;
  /** Other processes (with their direct children) whose CPU counts for this server (e.g. the PostgreSQL server it uses). */
  extraCpuGroups?: () => number[];
};

export type Schedule = { rounds: number; roundS: number; warmupS: number };

export type LoadResult = {
  title: string;
  server: string;
  connections: number;
  durationS: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors (timeouts included) + non-2xx responses. */
  errors: number;
  non2xx: number;
  /** Server CPU (all threads) per request, in ms. */
  cpuMsPerRequest: number | null;
};

type Round = { requests: number; durationS: number; errors: number; non2xx: number; cpuMs: number; latencies: number[] };

function run(options: autocannon.Options, latencies: number[] | null): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (latencies) instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

function cannonOptions(o: LoadOptions, durationS: number): autocannon.Options {
  return {
    url: `${o.server.url}${o.path}`,
    connections: o.connections,
    duration: durationS,
    method: o.method ?? "GET",
    headers: o.headers,
    body: o.body,
    requests: o.requests,
    timeout: 10,
  };
}

function cpuOf(o: LoadOptions): number {
  return groupCpuMs(o.server) + (o.extraCpuGroups?.() ?? []).reduce((sum, pid) => sum + pgidCpuMs(pid, true), 0);
}

async function round(o: LoadOptions, durationS: number): Promise<Round> {
  const latencies: number[] = [];
  const cpuBefore = cpuOf(o);
  const result = await run(cannonOptions(o, durationS), latencies);
  const cpuMs = cpuOf(o) - cpuBefore;
  const requests = result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
  return { requests, durationS: result.duration, errors: result.errors + result.non2xx, non2xx: result.non2xx, cpuMs, latencies };
}

/**
 * Runs every option at the same time (e.g. one load split across two instances), round after round,
 * and reports them as one: summed requests and CPU (each server's, plus `extraCpuGroups`), pooled latencies.
 */
export async function runConcurrent(options: LoadOptions[], schedule: Schedule, extraCpuGroups?: () => number[]): Promise<LoadResult> {
  const cpu = () => options.reduce((sum, o) => sum + groupCpuMs(o.server), 0) + (extraCpuGroups?.() ?? []).reduce((sum, pid) => sum + pgidCpuMs(pid, true), 0);
  if (schedule.warmupS > 0) await Promise.all(options.map((o) => run(cannonOptions(o, schedule.warmupS), null)));
  let requests = 0;
  let durationS = 0;
  let errors = 0;
  let non2xx = 0;
  let cpuMs = 0;
  const latencies: number[] = [];
  for (let r = 0; r < schedule.rounds; r += 1) {
    const before = cpu();
    const results = await Promise.all(options.map((o) => run(cannonOptions(o, schedule.roundS), latencies)));
    cpuMs += cpu() - before;
    for (const result of results) {
      requests += result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
      errors += result.errors + result.non2xx;
      non2xx += result.non2xx;
    }
    durationS += Math.max(...results.map((x) => x.duration));
  }
  latencies.sort((a, b) => a - b);
  return {
    title: options[0]?.title ?? "",
    server: options.map((o) => o.server.name).join(" + "),
    connections: options.reduce((sum, o) => sum + o.connections, 0),
    durationS,
    requests,
    rps: durationS > 0 ? requests / durationS : 0,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    non2xx,
    cpuMsPerRequest: requests > 0 ? cpuMs / requests : null,
  };
}

/** Measures every option in interleaved rounds; each option gets one warm-up before its first round. */
export async function loadInterleaved(options: LoadOptions[], schedule: Schedule): Promise<LoadResult[]> {
  const rounds: Round[][] = options.map(() => []);
  for (let r = 0; r < schedule.rounds; r += 1) {
    for (const [i, o] of options.entries()) {
      if (r === 0 && schedule.warmupS > 0) {
        await o.beforeRun?.();
        await run(cannonOptions(o, schedule.warmupS), null);
      }
      await o.beforeRun?.();
      rounds[i]!.push(await round(o, schedule.roundS));
    }
  }
  return options.map((o, i) => {
    const rs = rounds[i]!;
    const requests = rs.reduce((s, x) => s + x.requests, 0);
    const durationS = rs.reduce((s, x) => s + x.durationS, 0);
    const latencies = rs.flatMap((x) => x.latencies).sort((a, b) => a - b);
    const cpuMs = rs.reduce((s, x) => s + x.cpuMs, 0);
    return {
      title: o.title,
      server: o.server.name,
      connections: o.connections,
      durationS,
      requests,
      rps: durationS > 0 ? requests / durationS : 0,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: rs.reduce((s, x) => s + x.errors, 0),
      non2xx: rs.reduce((s, x) => s + x.non2xx, 0),
      cpuMsPerRequest: requests > 0 ? cpuMs / requests : null,
    };
  });
}
