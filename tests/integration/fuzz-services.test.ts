/**
 * Property-based tests (fast-check) on every server action's service with random and hostile input:
 * never an exception (a 500), never a partial write, French messages.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ActionResult } from "@/lib/action-result";
import type { Actor } from "@/lib/authorization/policy";
import { changeAccountEmail, changeAccountPassword, createApiAccount } from "@/lib/accounts/service";
import { decideAttachment } from "@/lib/certification/service";
import { nameCorrespondent, removeCorrespondent } from "@/lib/administration/service";
import { moveDemoClock } from "@/lib/demo-clock/service";
import { setClockOffsetMs } from "@/lib/clock";
import { createTestDatabase, resetToDemo } from "../support/test-db";
import { actor } from "../support/actors";
import { hostileRecord, hostileValue } from "../support/hostile";

let dispose: () => Promise<void>;
let claire: Actor;
let trainer: Actor;
let demoAccountId: string;

beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  claire = await actor("correspondant@demo.fr");
  trainer = await actor("formateur@demo.fr");
  demoAccountId = (await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } })).id;
  process.env.DEMO_MODE = "1";
});
afterAll(async () => {
  delete process.env.DEMO_MODE;
  setClockOffsetMs(0);
  await dispose();
});

/** Every table's full content: a failed call must leave it byte for byte identical. */
async function snapshot(): Promise<string> {
  const tables = await db().$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await db().$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}" ORDER BY rowid`);
    parts.push(`${name}:${JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`);
  }
  return parts.join("\n");
}

/** zod's English defaults ("Invalid input: expected object, received string") must never reach a user. */
const ENGLISH = /\b(invalid|expected|received|required|must|too (small|big)|string|number)\b/i;

type Case = { name: string; input: fc.Arbitrary<unknown>; call: (input: unknown) => Promise<ActionResult<unknown>> };

const CASES: Case[] = [
  {
    name: "createApiAccount",
    input: hostileRecord(["identifiant", "email", "siret", "password", "passwordConfirmation"]),
    call: (input) => createApiAccount(claire, input),
  },
  { name: "changeAccountEmail", input: hostileRecord(["email"]), call: (input) => changeAccountEmail(claire, demoAccountId, input) },
  {
    name: "changeAccountEmail (hostile id)",
    input: fc.tuple(hostileValue, hostileRecord(["email"])),
    call: (input) => {
      const [id, body] = input as [unknown, unknown];
      return changeAccountEmail(claire, id as string, body);
    },
  },
  {
    name: "changeAccountPassword",
    input: hostileRecord(["password", "passwordConfirmation", "confirmSynchronized"]),
    call: (input) => changeAccountPassword(claire, demoAccountId, input),
  },
  {
    name: "decideAttachment",
    input: fc.tuple(hostileValue, hostileValue),
    call: (input) => {
      const [id, decision] = input as [unknown, unknown];
      return decideAttachment(claire, id, decision);
    },
  },
  { name: "nameCorrespondent", input: hostileRecord(["siret", "userId"]), call: (input) => nameCorrespondent(claire, input) },
  { name: "removeCorrespondent", input: hostileRecord(["siret", "userId"]), call: (input) => removeCorrespondent(claire, input) },
  { name: "moveDemoClock", input: hostileRecord(["action", "minutes", "at"]), call: (input) => moveDemoClock(trainer, input) },
];

describe("server actions under random and hostile input", () => {
  for (const c of CASES) {
    it(`${c.name}: no exception, no partial write, French messages`, async () => {
      await resetToDemo();
      await fc.assert(
        fc.asyncProperty(c.input, async (input) => {
          const before = await snapshot();
          const result = await c.call(input);
          expect(typeof result.ok).toBe("boolean");
          if (!result.ok) {
            expect(result.message).not.toMatch(ENGLISH);
            for (const messages of Object.values(result.errors ?? {})) for (const m of messages ?? []) expect(m).not.toMatch(ENGLISH);
            expect(await snapshot()).toBe(before);
          } else {
            await resetToDemo();
            setClockOffsetMs(0);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});
