/**
 * Puts the e2e database in a given habilitation state through the real services (no shortcut
 * in the data) — through the fixture service (./fixture-server.ts), or as a script:
 * `npx tsx e2e/support/scenario.ts '{"grant":["DELTA_H7"],"data":{"DELTA_H7":{"url":"…","token":"…"}}}'`.
 * The correspondent asks, the agent approves, then the correspondent fills the data.
 * `activeUrl` is the one shortcut: it writes an API's url as already in force, as is — the only way
 * to get an address the form refuses (a private IP, saved before that rule or imported) in front
 * of the call-time checks of test callbacks.
 */
import { db } from "../../lib/db";
import { decideHabilitationRequest, saveApiData, submitHabilitationRequest } from "../../lib/habilitations/service";

export type HabilitationSpec = { grant?: string[]; data?: Record<string, Record<string, string>>; activeUrl?: Record<string, string> };

export async function applyHabilitationSpec(spec: HabilitationSpec): Promise<void> {
  const who = (email: string) => db().user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true } });
  const claire = await who("correspondant@demo.fr");
  const agent = await who("agent@douane.demo");
  const account = await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } });
  if (spec.grant?.length) {
    const submitted = await submitHabilitationRequest(claire, account.id, { apiCodes: spec.grant });
    if (!submitted.ok) throw new Error(submitted.message);
    const items = await db().habilitationRequestItem.findMany({ where: { requestId: submitted.data.id } });
    const decided = await decideHabilitationRequest(agent, submitted.data.id, { items: items.map((i) => ({ itemId: i.id, decision: "APPROVED" })) });
    if (!decided.ok) throw new Error(decided.message);
  }
  for (const [code, values] of Object.entries(spec.data ?? {})) {
    const saved = await saveApiData(claire, account.id, code, values);
    if (!saved.ok) throw new Error(saved.message);
  }
  for (const [code, url] of Object.entries(spec.activeUrl ?? {})) {
    const api = await db().api.findUniqueOrThrow({ where: { code } });
    const where = { apiAccountId_apiId_fieldKey: { apiAccountId: account.id, apiId: api.id, fieldKey: "url" } };
    const state = { value: url, pendingValue: null, pendingRequestedAt: null, pendingEffectiveAt: null };
    await db().apiFieldValue.upsert({ where, create: { apiAccountId: account.id, apiId: api.id, fieldKey: "url", ...state }, update: state });
  }
}

if (process.argv[1]?.endsWith("scenario.ts")) {
  applyHabilitationSpec(JSON.parse(process.argv[2] ?? "{}") as HabilitationSpec)
    .then(() => db().$disconnect())
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
