/**
 * Load runs with autocannon (programmatic), plus the server's CPU time per request read from
 * /proc (a figure that other programs running on the machine distort much less than req/s).
 *
 * Servers compared with each other are measured in interleaved rounds (A, B, C, A, B, C, …), so
 * that the other work of this shared machine, which comes and goes, weighs on each of them alike.
 */
import autocannon from "autocannon";
import { groupCpuMs, type Server } from "./processes";
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

async function round(o: LoadOptions, durationS: number): Promise<Round> {
  const latencies: number[] = [];
  const cpuBefore = groupCpuMs(o.server);
  const result = await run(cannonOptions(o, durationS), latencies);
  const cpuMs = groupCpuMs(o.server) - cpuBefore;
  const requests = result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
  return { requests, durationS: result.duration, errors: result.errors + result.non2xx, non2xx: result.non2xx, cpuMs, latencies };
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
