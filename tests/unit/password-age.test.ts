import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { describePasswordAge, describeRenewal, maxAgeDaysFrom, reminderDue, renewalOf, REMINDER_STAGES, type ReminderStage } from "@/lib/accounts/password-age";

const DAY = 24 * 3_600_000;
const T0 = Date.UTC(2025, 9, 1, 8, 0, 0);

describe("password age", () => {
  it("says how long ago, in French", () => {
    expect(describePasswordAge(T0, T0 + 3_600_000)).toBe("modifié aujourd'hui");
    expect(describePasswordAge(T0, T0 + DAY)).toBe("modifié hier");
    expect(describePasswordAge(T0, T0 + 3 * DAY)).toBe("modifié il y a 3 jours");
    expect(describePasswordAge(T0, T0 + 61 * DAY)).toBe("modifié il y a 2 mois");
    expect(describePasswordAge(T0, T0 + 430 * DAY)).toBe("modifié il y a 1 an et 2 mois");
    expect(describePasswordAge(T0, T0 + 3 * 365.25 * DAY)).toBe("modifié il y a 3 ans");
  });

  it("reads API_PASSWORD_MAX_AGE_DAYS: off unless a whole number of days from 1 to 3650", () => {
    expect(maxAgeDaysFrom(undefined)).toBeNull();
    expect(maxAgeDaysFrom("")).toBeNull();
    expect(maxAgeDaysFrom("424")).toBe(424);
    for (const bad of ["0", "-5", "12.5", "abc", "9999"]) expect(maxAgeDaysFrom(bad)).toBeNull();
  });
});

describe("renewal", () => {
  it("is off without a period; « à renouveler » from 30 days before, overdue from the date", () => {
    expect(renewalOf(T0, null, T0)).toBeNull();
    expect(renewalOf(T0, 90, T0 + 59 * DAY)).toMatchObject({ toRenew: false, overdue: false, daysLeft: 31 });
    expect(renewalOf(T0, 90, T0 + 60 * DAY)).toMatchObject({ toRenew: true, overdue: false, daysLeft: 30 });
    expect(renewalOf(T0, 90, T0 + 90 * DAY)).toMatchObject({ toRenew: true, overdue: true, daysLeft: 0 });
    const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    expect(describeRenewal(renewalOf(T0, 90, T0 + 83 * DAY)!, fmt)).toBe("à renouveler avant le 2025-12-30 (dans 7 jours)");
    expect(describeRenewal(renewalOf(T0, 90, T0 + 95 * DAY)!, fmt)).toBe("à renouveler depuis le 2025-12-30");
  });

  it("reminds 30 days and 7 days before and on the day, each once, never an older stage after a newer one", () => {
    const max = 90;
    expect(reminderDue(T0, null, T0 + 89 * DAY, [])).toBeNull();
    expect(reminderDue(T0, max, T0 + 59 * DAY, [])).toBeNull();
    expect(reminderDue(T0, max, T0 + 60 * DAY, [])).toBe("D30");
    expect(reminderDue(T0, max, T0 + 61 * DAY, ["D30"])).toBeNull();
    expect(reminderDue(T0, max, T0 + 83 * DAY, ["D30"])).toBe("D7");
    expect(reminderDue(T0, max, T0 + 90 * DAY, ["D30", "D7"])).toBe("D0");
    expect(reminderDue(T0, max, T0 + 400 * DAY, ["D30", "D7", "D0"])).toBeNull();
    // Found late (a period set after the fact): the latest stage only.
    expect(reminderDue(T0, max, T0 + 85 * DAY, [])).toBe("D7");
  });

  it("over any sequence of sweeps, each stage is sent at most once and in order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 31, max: 800 }), fc.array(fc.integer({ min: 0, max: 900 }), { maxLength: 40 }), (max, instants) => {
        const sent: ReminderStage[] = [];
        for (const day of [...instants].sort((a, b) => a - b)) {
          const due = reminderDue(T0, max, T0 + day * DAY, sent);
          if (due) sent.push(due);
        }
        const order = REMINDER_STAGES.map((s) => s.stage);
        expect(new Set(sent).size).toBe(sent.length);
        expect([...sent].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(sent);
      }),
    );
  });
});
