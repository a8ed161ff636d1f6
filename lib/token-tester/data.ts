/** Reads of the tester: the environments offered and the user's own recent runs. */
import { db } from "../db";
import { canUseTokenTester, findReadableAccountId, NotFoundError, type Actor } from "../authorization";
import { customEnvironment, environments } from "../oauth/environments";
import { loopbackAllowed } from "../net/outbound";

export type EnvironmentOption = { id: string; label: string; tokenUrl: string; apiBaseUrl: string };

/**
 * The environments of lib/oauth/environments.ts, and the custom one: its URL is typed by the user,
 * prefilled with CUSTOM_TOKEN_URL when the console is configured with one.
 */
export function testerEnvironments(): { options: EnvironmentOption[]; custom: { label: string; tokenUrl: string }; loopbackAllowed: boolean } {
  const configured = customEnvironment();
  return {
    options: Object.values(environments()).map((e) => ({ id: e.id, label: e.label, tokenUrl: e.tokenUrl, apiBaseUrl: e.apiBaseUrl })),
    custom: { label: configured ? configured.label : "URL personnalisée", tokenUrl: configured?.tokenUrl ?? "" },
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
