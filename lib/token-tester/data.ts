/** Reads of the tester: the environments offered and the user's own recent runs. */
import { db } from "../db";
import { canUseTokenTester, findReadableAccountId, NotFoundError, type Actor } from "../authorization";
import { environments, type EnvironmentId } from "../oauth/environments";
import { loopbackAllowed } from "../net/outbound";

export type EnvironmentOption = { id: EnvironmentId; label: string; tokenUrl: string; apiBaseUrl: string };

export function testerEnvironments(): { options: EnvironmentOption[]; loopbackAllowed: boolean } {
  return {
    options: Object.values(environments()).map((e) => ({ id: e.id, label: e.label, tokenUrl: e.tokenUrl, apiBaseUrl: e.apiBaseUrl })),
    loopbackAllowed: loopbackAllowed(),
  };
}

export async function listMyTokenTestRuns(actor: Actor, take = 20) {
  if (!canUseTokenTester(actor)) throw new NotFoundError();
  return db().tokenTestRun.findMany({
    where: { actorId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      createdAt: true,
      identifiant: true,
      environment: true,
      tokenUrl: true,
      outcome: true,
      httpStatus: true,
      latencyMs: true,
      oauthError: true,
      apiCallUrl: true,
      apiCallStatus: true,
    },
  });
}

export type TokenTestRunRow = Awaited<ReturnType<typeof listMyTokenTestRuns>>[number];

/** The identifiant to prefill from ?compte=<id> (only an account the actor may read; else nothing). */
export async function prefillIdentifiant(actor: Actor, accountId: string | undefined): Promise<string | null> {
  if (!accountId) return null;
  try {
    const id = await findReadableAccountId(actor, accountId);
    const account = await db().apiAccount.findUnique({ where: { id }, select: { identifiant: true } });
    return account?.identifiant ?? null;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}
