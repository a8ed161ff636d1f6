/**
 * Benchmark of the token client's "mutualisation" (npm run bench), against the local RFC 6749
 * stub on 127.0.0.1 (real HTTP): calls vs token requests under concurrency, and the client's
 * overhead per call compared with a raw fetch carrying the same Bearer header.
 * Figures depend on the machine; the test suite checks the behaviour, not the timings.
 */
import { TokenClient } from "../lib/oauth-client";
import { startOAuthStub, STUB_USERS } from "../tests/support/oauth-stub";

async function main() {
  const stub = await startOAuthStub();
  const make = () => new TokenClient({ tokenUrl: stub.tokenUrl, username: "api-demo-1", password: STUB_USERS["api-demo-1"]! });
  const rows: string[] = [];
  try {
    // 1. Single flight: N concurrent calls through one new client.
    rows.push("Appels simultanés via un client neuf → requêtes de jeton");
    for (const n of [1, 10, 100, 1_000, 2_000]) {
      const client = make();
      const before = stub.stats.tokenRequests;
      const t0 = performance.now();
      const responses = await Promise.all(Array.from({ length: n }, () => client.fetch(stub.apiUrl).then(async (r) => (await r.arrayBuffer(), r.status))));
      const ms = performance.now() - t0;
      const ok = responses.filter((s) => s === 200).length;
      rows.push(`  ${String(n).padStart(5)} appels : ${ok} × HTTP 200, ${stub.stats.tokenRequests - before} requête(s) de jeton, ${ms.toFixed(0)} ms`);
    }

    // 2. getToken() once the token is cached.
    {
      const client = make();
      await client.getToken();
      const iterations = 1_000_000;
      const t0 = performance.now();
      for (let i = 0; i < iterations; i++) await client.getToken();
      const ns = ((performance.now() - t0) * 1e6) / iterations;
      rows.push("", `getToken() avec jeton en cache : ${ns.toFixed(0)} ns par appel (${iterations.toLocaleString("fr-FR")} appels, 1 requête de jeton)`);
    }

    // 3. Overhead per call: client.fetch vs raw fetch with the same header, sequential, interleaved.
    {
      const client = make();
      const token = await client.getToken();
      const raw = async () => (await fetch(stub.apiUrl, { headers: { Authorization: `Bearer ${token.accessToken}` } })).arrayBuffer();
      const viaClient = async () => (await client.fetch(stub.apiUrl)).arrayBuffer();
      for (let i = 0; i < 300; i++) {
        await raw();
        await viaClient();
      }
      const rounds = 5;
      const perRound = 1_000;
      const rawTimes: number[] = [];
      const clientTimes: number[] = [];
      for (let r = 0; r < rounds; r++) {
        let t0 = performance.now();
        for (let i = 0; i < perRound; i++) await raw();
        rawTimes.push(((performance.now() - t0) * 1000) / perRound);
        t0 = performance.now();
        for (let i = 0; i < perRound; i++) await viaClient();
        clientTimes.push(((performance.now() - t0) * 1000) / perRound);
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const rawUs = median(rawTimes);
      const clientUs = median(clientTimes);
      rows.push(
        "",
        `Appel séquentiel (médiane de ${rounds} × ${perRound}) : fetch brut ${rawUs.toFixed(0)} µs, client.fetch ${clientUs.toFixed(0)} µs → surcoût ${(clientUs - rawUs).toFixed(0)} µs par appel (${(((clientUs - rawUs) / rawUs) * 100).toFixed(1)} %)`,
        `Requêtes de jeton pendant ces ${(rounds * perRound + 300).toLocaleString("fr-FR")} appels : ${client.tokenRequestCount}`,
      );
    }
  } finally {
    await stub.close();
  }
  console.log(rows.join("\n"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
