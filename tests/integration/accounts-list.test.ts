/**
 * The accounts list as an admin console needs it (issue 13 §7): sorted columns (Hab. red → yellow →
 * green across pages), filters (pending request, url state, what is missing) and the CSV export of
 * exactly what the list shows; the customs queue's export.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { freezeClock, setClockOffsetMs } from "@/lib/clock";
import { exportAccounts, listAccounts, PAGE_SIZE, type AccountListQuery } from "@/lib/accounts/data";
import { accountsCsv, ACCOUNTS_CSV_HEADER } from "@/lib/accounts/export";
import { queueCsv } from "@/lib/habilitations/queue-export";
import { runScenario } from "@/lib/scenarios/service";
import { createTestDatabase } from "../support/test-db";
import { actor } from "../support/actors";

let dispose: () => Promise<void>;
beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  process.env.DEMO_MODE = "1";
});
afterEach(() => {
  freezeClock(null);
  setClockOffsetMs(0);
});
afterAll(async () => {
  delete process.env.DEMO_MODE;
  await dispose();
});

const claire = () => actor("correspondant@demo.fr");
/** The cells of one CSV line (quoted cells may hold `;`). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ";" && !quoted) {
      out.push(cell);
      cell = "";
    } else cell += ch;
  }
  return [...out, cell];
}

const identifiants = async (query: AccountListQuery) => (await listAccounts(await claire(), query)).rows.map((r) => r.identifiant);

/** 45 more accounts in Claire's scope, with statuses spread over the three levels (sorting only reads statusLevel). */
async function manyAccounts(): Promise<void> {
  const c = await claire();
  const company = await db().company.findFirstOrThrow();
  const levels = ["green", "red", "yellow"];
  for (let i = 0; i < 45; i += 1) {
    const siret = `9${String(i).padStart(13, "0")}`;
    const establishment = await db().establishment.create({ data: { siret, companyId: company.id } });
    await db().correspondentScope.create({ data: { userId: c.id, establishmentId: establishment.id } });
    const identifiant = `lot-${String(i).padStart(2, "0")}`;
    await db().apiAccount.create({
      data: { identifiant, identifiantKey: identifiant, email: `z${String(44 - i).padStart(2, "0")}@lot.fr`, establishmentId: establishment.id, passwordHash: "x", statusLevel: levels[i % 3]! },
    });
  }
}

describe("sorting", () => {
  it("« Hab. »: red, then yellow, then green (reversed descending), identifiant inside a level, across pages", async () => {
    await runScenario("trois-etats", null);
    expect(await identifiants({ sort: "status" })).toEqual(["api-demo-1", "api-demo-2", "api-demo-3"]);
    expect(await identifiants({ sort: "status", direction: "desc" })).toEqual(["api-demo-3", "api-demo-2", "api-demo-1"]);

    await manyAccounts();
    const all = await db().apiAccount.findMany({ select: { identifiantKey: true, statusLevel: true } });
    const rank = { red: 0, yellow: 1, green: 2 } as Record<string, number>;
    const expected = all.sort((a, b) => rank[a.statusLevel]! - rank[b.statusLevel]! || a.identifiantKey.localeCompare(b.identifiantKey)).map((a) => a.identifiantKey);
    const pages = [1, 2, 3].map((page) => identifiants({ sort: "status", page }));
    const seen = (await Promise.all(pages)).flat();
    expect(seen).toEqual(expected);
    expect((await listAccounts(await claire(), { sort: "status", page: 2 })).rows).toHaveLength(PAGE_SIZE);
  });

  it("SIRET, identifiant and email, both ways", async () => {
    await runScenario("trois-etats", null);
    await manyAccounts();
    const rows = (await exportAccounts(await claire(), {})).rows;
    const by = (key: "siret" | "email" | "identifiant", direction: 1 | -1) =>
      [...rows].sort((a, b) => (a[key] < b[key] ? -direction : a[key] > b[key] ? direction : 0)).map((r) => r.identifiant).slice(0, PAGE_SIZE);
    expect(await identifiants({ sort: "email" })).toEqual(by("email", 1));
    expect(await identifiants({ sort: "email", direction: "desc" })).toEqual(by("email", -1));
    expect(await identifiants({ sort: "siret", direction: "desc" })).toEqual(by("siret", -1));
    expect(await identifiants({ sort: "identifiant", direction: "desc" })).toEqual(by("identifiant", -1));
  });
});

describe("filters", () => {
  it("what is missing: exactly the accounts one of whose APIs misses that field", async () => {
    await runScenario("trois-etats", null);
    const everyone = (await exportAccounts(await claire(), {})).rows;
    const keys = [...new Set(everyone.flatMap((r) => r.status.missing.map((m) => m.fieldKey)))];
    expect(keys.length).toBeGreaterThan(0);
    for (const key of [...keys, "url", "token"]) {
      const expected = everyone.filter((r) => r.status.missing.some((m) => m.fieldKey === key)).map((r) => r.identifiant);
      expect(await identifiants({ missing: key }), key).toEqual(expected);
    }
  });

  it("a request waiting for customs; a url change waiting for its delay, an url in force", async () => {
    await runScenario("demande-en-attente", null);
    expect(await identifiants({ pendingRequest: true })).toEqual(["api-demo-1"]);
    await runScenario("trois-etats", null);
    expect(await identifiants({ pendingRequest: true })).toEqual([]);
    expect(await identifiants({ url: "active" })).toEqual(["api-demo-2", "api-demo-3"]); // Gamma2's url, DeltaH7's
    await runScenario("changement-url", null);
    expect(await identifiants({ url: "pending" })).toEqual(["api-demo-1"]);
    setClockOffsetMs(5 * 3_600_000); // past the 4 h delay: no longer pending, and the new url is in force
    expect(await identifiants({ url: "pending" })).toEqual([]);
    expect(await identifiants({ url: "active" })).toEqual(["api-demo-1"]);
  });
});

describe("CSV export", () => {
  it("the rows and order of the list with its filters, for French Excel", async () => {
    await runScenario("trois-etats", null);
    const csv = await accountsCsv(await claire(), { sort: "status", direction: "desc" });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(ACCOUNTS_CSV_HEADER.join(";"));
    expect(lines.slice(1).map((l) => cells(l)[5])).toEqual(["api-demo-3", "api-demo-2", "api-demo-1"]);
    expect(lines.slice(1).every((l) => cells(l).length === ACCOUNTS_CSV_HEADER.length)).toBe(true);
    expect(cells(lines[1]!).slice(0, 2)).toEqual(["Habilité, données complètes", ""]); // green: nothing missing
    const yellow = await accountsCsv(await claire(), { status: "yellow" });
    expect(yellow.slice(1).trimEnd().split("\r\n")).toHaveLength(2);
    // Another correspondent exports none of Claire's accounts.
    expect((await accountsCsv(await actor("autre@demo.fr"), {})).slice(1).trimEnd().split("\r\n")).toHaveLength(1);
  });

  it("the customs queue, with its state filter; refused to correspondents", async () => {
    await runScenario("demande-en-attente", null);
    const csv = await queueCsv(await actor("agent@douane.demo"), { status: "SUBMITTED" });
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("api-demo-1");
    expect(lines[1]).toContain("DeltaH7 : en attente ; Gamma2 : en attente");
    await expect(queueCsv(await claire(), {})).rejects.toThrow();
  });
});
