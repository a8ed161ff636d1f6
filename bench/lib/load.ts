/**
 * One load run with autocannon (programmatic), plus the server's CPU time per request read from
 * /proc (a figure that other programs running on the machine distort much less than req/s).
 */
import autocannon from "autocannon";
import { groupCpuMs, type Server } from "./processes";

export type LoadOptions = {
  title: string;
  server: Server;
  path: string;
  connections: number;
  durationS: number;
  warmupS: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Per-request dynamic setup (e.g. a different account or refresh token on each request). */
  requests?: autocannon.Request[];
};

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

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
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

export async function load(o: LoadOptions): Promise<LoadResult> {
  if (o.warmupS > 0) await run(cannonOptions(o, o.warmupS));
  const cpuBefore = groupCpuMs(o.server);
  const result = await run(cannonOptions(o, o.durationS));
  const cpuMs = groupCpuMs(o.server) - cpuBefore;
  const requests = result["1xx"] + result["2xx"] + result["3xx"] + result["4xx"] + result["5xx"];
  return {
    title: o.title,
    server: o.server.name,
    connections: o.connections,
    durationS: result.duration,
    requests,
    rps: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    non2xx: result.non2xx,
    cpuMsPerRequest: requests > 0 ? cpuMs / requests : null,
  };
}
