import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { clockOffsetMs, setClockOffsetMs } from "@/lib/clock";
import { DEMO_CLOCK_KEY, loadDemoClock, moveDemoClock } from "@/lib/demo-clock/service";
import { withTestDatabase } from "../support/test-db";
import { actor } from "../support/actors";

withTestDatabase();
afterEach(() => {
  setClockOffsetMs(0);
  delete process.env.DEMO_MODE;
});

describe("demo clock service", () => {
  it("is off unless DEMO_MODE is set", async () => {
    const trainer = await actor("formateur@demo.fr");
    expect(await moveDemoClock(trainer, { action: "advance", minutes: 60 })).toMatchObject({ ok: false });
    expect(clockOffsetMs()).toBe(0);
  });

  it("lets only a trainer move it, persists it and audits it", async () => {
    process.env.DEMO_MODE = "1";
    const claire = await actor("correspondant@demo.fr");
    expect((await moveDemoClock(claire, { action: "advance", minutes: 60 })).ok).toBe(false);
    const trainer = await actor("formateur@demo.fr");
    expect((await moveDemoClock(trainer, { action: "advance", minutes: 240 })).ok).toBe(true);
    expect(clockOffsetMs()).toBe(4 * 3_600_000);
    expect((await db().setting.findUniqueOrThrow({ where: { key: DEMO_CLOCK_KEY } })).value).toBe(String(4 * 3_600_000));
    expect(await db().auditEvent.count({ where: { action: "DEMO_CLOCK_MOVED" } })).toBe(1);
    expect((await moveDemoClock(trainer, { action: "advance", minutes: 17 })).ok).toBe(false);
    expect((await moveDemoClock(trainer, { action: "set", at: "2001-01-01T10:00" })).ok).toBe(false);

    // A restart restores the persisted offset; outside demo mode it is ignored.
    setClockOffsetMs(0);
    await loadDemoClock();
    expect(clockOffsetMs()).toBe(4 * 3_600_000);
    delete process.env.DEMO_MODE;
    await loadDemoClock();
    expect(clockOffsetMs()).toBe(0);

    process.env.DEMO_MODE = "1";
    expect((await moveDemoClock(trainer, { action: "reset" })).ok).toBe(true);
    await loadDemoClock();
    expect(clockOffsetMs()).toBe(0);
  });
});
