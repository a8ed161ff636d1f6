/**
 * Property-based tests (fast-check) on every server action's service with random and hostile input:
 * never an exception (a 500), never a partial write, French messages.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ActionResult } from "@/lib/action-result";
import { changeAccountEmail, changeAccountPassword, createApiAccount } from "@/lib/accounts/service";
import { decideAttachment } from "@/lib/certification/service";
import { nameCorrespondent, removeCorrespondent } from "@/lib/administration/service";
import { moveDemoClock } from "@/lib/demo-clock/service";
import { loadScenario } from "@/lib/scenarios/service";
import { SCENARIO_IDS } from "@/lib/scenarios/catalog";
import { setClockOffsetMs } from "@/lib/clock";
import {
  cancelUrlChange,
  decideHabilitationRequest,
  revealSecret,
  revokeHabilitation,
  saveApiData,
  submitHabilitationRequest,
  withdrawHabilitationRequest,
} from "@/lib/habilitations/service";
import { addApiField, removeApiField, updateApiField, updateApiSettings } from "@/lib/habilitations/catalogue";
import { refreshAccountStatus } from "@/lib/habilitations/account-status";
import { sendTestCallback } from "@/lib/callbacks/service";
import { clearNamespace } from "@/lib/rate-limit/store";
import { handleDemoReceiver } from "@/lib/callbacks/receiver";
import { habilitate } from "../support/apis";
import { createTestDatabase, dataTables, resetToDemo, tableRows } from "../support/test-db";
import { actor } from "../support/actors";
import { hostileRecord, hostileString, hostileValue } from "../support/hostile";

let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ dispose } = await createTestDatabase());
  process.env.DEMO_MODE = "1";
});
afterAll(async () => {
  delete process.env.DEMO_MODE;
  setClockOffsetMs(0);
  await dispose();
});

/** Every table's full content: a failed call must leave it byte for byte identical. */
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const name of await dataTables()) {
    const rows = await tableRows(name);
    parts.push(`${name}:${JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}`);
  }
  return parts.join("\n");
}

/** zod's English defaults ("Invalid input: expected object, received string") must never reach a user. */
const ENGLISH = /\b(invalid|expected|received|required|must|too (small|big)|string|number)\b/i;

type Case = {
  name: string;
  input: fc.Arbitrary<unknown>;
  call: (input: unknown) => Promise<ActionResult<unknown>>;
  /** State the case needs, recreated after every reset. */
  setup?: () => Promise<void>;
};

/** Fresh rows: ids change at each reset (the wipe recreates every row). */
const correspondentNow = () => actor("correspondant@demo.fr");
const agentNow = () => actor("agent@douane.demo");
const trainerNow = () => actor("formateur@demo.fr");
/** A real id half of the time (so the validation behind the lookup is reached), a hostile one otherwise. */
const realOr = async (real: boolean, hostile: unknown, find: () => Promise<string>) => (real ? find() : (hostile as string));
const pendingAttachmentId = async () => (await db().attachmentRequest.findFirstOrThrow({ where: { status: "PENDING" } })).id;
const sophieId = async () => (await db().user.findUniqueOrThrow({ where: { email: "sophie.leroy@transports-exemple.fr" } })).id;

/** The demo account's id (it changes at each reset). */
const demoId = async () => (await db().apiAccount.findUniqueOrThrow({ where: { identifiantKey: "api-demo-1" } })).id;

/** api-demo-1 habilitated on DeltaH7 and PNTS (with a stored token), plus a pending request for Gamma2. */
async function habilitationState(): Promise<void> {
  const id = await demoId();
  await habilitate(db(), id, "DELTA_H7");
  await habilitate(db(), id, "PNTS");
  await refreshAccountStatus(db(), id);
  const saved = await saveApiData(await correspondentNow(), id, "DELTA_H7", { url: "https://retours.transports-exemple.fr/dh7", token: "jeton-initial" });
  if (!saved.ok) throw new Error(saved.message);
  const submitted = await submitHabilitationRequest(await correspondentNow(), id, { apiCodes: ["GAMMA2"] });
  if (!submitted.ok) throw new Error(submitted.message);
}

const pendingRequestId = async () => (await db().habilitationRequest.findFirstOrThrow({ where: { status: "SUBMITTED" } })).id;
const habilitationId = async () => (await db().habilitation.findFirstOrThrow({ where: { revokedAt: null } })).id;

const CASES: Case[] = [
  {
    name: "createApiAccount",
    input: hostileRecord(["identifiant", "email", "siret", "password", "passwordConfirmation"]),
    call: async (input) => createApiAccount(await correspondentNow(), input),
  },
  {
    name: "changeAccountEmail",
    input: hostileRecord(["email"]),
    call: async (input) => changeAccountEmail(await correspondentNow(), await demoId(), input),
  },
  {
    name: "changeAccountEmail (hostile id)",
    input: fc.tuple(hostileValue, hostileRecord(["email"])),
    call: async (input) => {
      const [id, body] = input as [unknown, unknown];
      return changeAccountEmail(await correspondentNow(), id as string, body);
    },
  },
  {
    name: "changeAccountPassword",
    input: hostileRecord(["password", "passwordConfirmation", "confirmSynchronized"]),
    call: async (input) => changeAccountPassword(await correspondentNow(), await demoId(), input),
  },
  {
    name: "decideAttachment",
    input: fc.tuple(fc.boolean(), hostileValue, fc.oneof(fc.constantFrom("certify", "decertify"), hostileValue)),
    call: async (input) => {
      const [real, id, decision] = input as [boolean, unknown, unknown];
      return decideAttachment(await correspondentNow(), await realOr(real, id, pendingAttachmentId), decision);
    },
  },
  {
    name: "nameCorrespondent / removeCorrespondent",
    input: fc.tuple(fc.boolean(), fc.boolean(), hostileRecord(["siret", "userId"])),
    call: async (input) => {
      const [name, real, body] = input as [boolean, boolean, Record<string, unknown> | unknown];
      const payload = real && body && typeof body === "object" ? { ...(body as object), userId: await sophieId() } : body;
      return name ? nameCorrespondent(await correspondentNow(), payload) : removeCorrespondent(await correspondentNow(), payload);
    },
  },
  {
    name: "moveDemoClock",
    input: hostileRecord(["action", "minutes", "at"]),
    call: async (input) => moveDemoClock(await trainerNow(), input),
  },
  {
    name: "loadScenario",
    input: fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(...SCENARIO_IDS).map((scenario) => ({ scenario })) },
      { weight: 6, arbitrary: hostileRecord(["scenario"]) },
    ),
    call: async (input) => loadScenario(await trainerNow(), input),
  },
  {
    name: "submitHabilitationRequest",
    input: hostileRecord(["apiCodes", "message"]),
    call: async (input) => submitHabilitationRequest(await correspondentNow(), await demoId(), input),
    setup: habilitationState,
  },
  {
    name: "withdrawHabilitationRequest (hostile id)",
    input: hostileValue,
    call: async (input) => withdrawHabilitationRequest(await correspondentNow(), input as string),
    setup: habilitationState,
  },
  {
    name: "decideHabilitationRequest",
    input: fc.oneof(hostileRecord(["items"]), fc.record({ items: fc.array(hostileRecord(["itemId", "decision", "reason"]), { maxLength: 3 }) })),
    call: async (input) => decideHabilitationRequest(await agentNow(), await pendingRequestId(), input),
    setup: habilitationState,
  },
  {
    name: "revokeHabilitation",
    input: fc.tuple(fc.boolean(), hostileValue, hostileRecord(["reason"])),
    call: async (input) => {
      const [real, id, body] = input as [boolean, unknown, unknown];
      return revokeHabilitation(await agentNow(), real ? await habilitationId() : (id as string), body);
    },
    setup: habilitationState,
  },
  {
    name: "saveApiData",
    input: fc.tuple(fc.constantFrom("DELTA_H7", "PNTS", "GAMMA2"), hostileRecord(["url", "token", "contactTechnique"])),
    call: async (input) => {
      const [code, body] = input as [string, unknown];
      return saveApiData(await correspondentNow(), await demoId(), code, body);
    },
    setup: habilitationState,
  },
  {
    name: "cancelUrlChange / revealSecret (hostile codes)",
    input: fc.tuple(fc.boolean(), hostileValue, hostileValue),
    call: async (input) => {
      const [cancel, code, key] = input as [boolean, string, string];
      const me = await correspondentNow();
      return cancel ? cancelUrlChange(me, await demoId(), code, key) : revealSecret(me, await demoId(), code, key);
    },
    setup: habilitationState,
  },
  {
    name: "sendTestCallback (hostile ids and codes, every role)",
    input: fc.tuple(
      fc.constantFrom("correspondant@demo.fr", "agent@douane.demo", "formateur@demo.fr", "autre@demo.fr"),
      fc.boolean(),
      hostileValue,
      fc.oneof(fc.constantFrom("DELTA_H7", "PNTS", "GAMMA2"), hostileValue),
    ),
    call: async (input) => {
      const [email, real, id, code] = input as [string, boolean, unknown, unknown];
      await clearNamespace("callback-send");
      return sendTestCallback(await actor(email), real ? await demoId() : id, code);
    },
    setup: habilitationState,
  },
  {
    name: "updateApiSettings",
    input: fc.tuple(fc.oneof(fc.constant("GAMMA2"), hostileValue), hostileRecord(["name", "description", "contactEmail", "urlDelayMinutes"])),
    call: async (input) => {
      const [code, body] = input as [string, unknown];
      return updateApiSettings(await agentNow(), code, body);
    },
  },
  {
    name: "addApiField / updateApiField / removeApiField",
    input: fc.tuple(fc.constantFrom("add", "update", "remove"), fc.oneof(fc.constant("contactTechnique"), hostileValue), hostileRecord(["key", "label", "kind", "required", "help"])),
    call: async (input) => {
      const [op, key, body] = input as [string, string, unknown];
      if (op === "add") return addApiField(await agentNow(), "PNTS", body);
      if (op === "update") return updateApiField(await agentNow(), "PNTS", key, body);
      return removeApiField(await agentNow(), "PNTS", key);
    },
    setup: habilitationState,
  },
];

describe("server actions under random and hostile input", () => {
  for (const c of CASES) {
    it(`${c.name}: no exception, no partial write, French messages`, async () => {
      await resetToDemo();
      await c.setup?.();
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
            await c.setup?.();
          }
        }),
        { numRuns: 60 },
      );
    });
  }
});

/** A header value a Request accepts (visible ASCII and spaces), often shaped like a Bearer header. */
const headerValue = fc.oneof(
  fc.string({ unit: fc.constantFrom(..." !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"), maxLength: 120 }),
  fc.constantFrom("Bearer jeton-initial", "Bearer ", "bearer   jeton-initial  ", "Basic YTpi", "Bearer a b c"),
);

/** A path segment from any value: fc.anything() can build objects String() cannot convert ({ toString: {} }). */
function segmentOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return JSON.stringify(value) ?? "x";
  }
}

describe("the demo receiver under hostile input", () => {
  it("never a 500, always a JSON answer from the documented set; nothing stored for an unknown address", async () => {
    await resetToDemo();
    await habilitationState();
    const accountId = await demoId();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(accountId), hostileValue),
        fc.oneof(fc.constantFrom("dh7", "pnts", "gamma2"), hostileValue),
        fc.array(hostileString, { maxLength: 3 }),
        fc.option(headerValue),
        fc.oneof(hostileString, fc.constant('{"typeMessage":"NOTIFICATION_ESSAI"}')),
        fc.constantFrom("POST", "POST", "GET", "PUT", "DELETE"),
        async (id, prefix, tail, authorization, body, method) => {
          await clearNamespace("receiver");
          const before = await db().receivedCallback.count();
          const segments = [segmentOf(id), segmentOf(prefix), ...tail].map((s) => encodeURIComponent(s));
          const response = await handleDemoReceiver(
            new Request(`http://127.0.0.1:3000/recepteur-demo/${segments.join("/")}`, {
              method,
              headers: authorization === null ? {} : { Authorization: authorization },
              ...(method === "GET" ? {} : { body }),
            }),
          );
          expect([200, 400, 401, 404, 405, 413, 429]).toContain(response.status);
          const json = (await response.json()) as Record<string, unknown>;
          expect(typeof (json.message ?? json.erreur)).toBe("string");
          // Only a call with the right token is ever stored.
          if ([401, 404, 405, 429].includes(response.status)) expect(await db().receivedCallback.count()).toBe(before);
          expect(JSON.stringify(await db().receivedCallback.findMany({ select: { path: true, bodySnippet: true } }))).not.toContain("jeton-initial");
        },
      ),
      { numRuns: 120 },
    );
  });
});
