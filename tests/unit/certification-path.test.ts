import { describe, expect, it } from "vitest";
import { STEP_DEFINITIONS, certificationPath, type PathFacts, type StepKey } from "@/lib/certification-path/steps";

const d = (iso: string) => new Date(iso);
const fmt = (date: Date) => date.toISOString();

const created = d("2026-03-01T09:00:00Z");

/** A fresh account: created, nothing else. */
const fresh: PathFacts = {
  accountCreatedAt: created,
  requests: [],
  habilitations: [],
  status: { level: "red", since: null, missing: [] },
  urls: [],
  tokenRuns: [],
  callbacks: [],
  dh7: null,
};

/** An account that has done everything. */
const complete: PathFacts = {
  accountCreatedAt: created,
  requests: [
    { createdAt: d("2026-03-01T10:00:00Z"), status: "APPROVED", items: [{ api: "DeltaH7", decision: "APPROVED", reason: null, decidedAt: d("2026-03-02T09:00:00Z") }] },
  ],
  habilitations: [{ api: "DeltaH7", grantedAt: d("2026-03-02T09:00:00Z") }],
  status: { level: "green", since: d("2026-03-02T10:00:00Z"), missing: [] },
  urls: [{ api: "DeltaH7", active: "https://retours.example.fr/dh7", activeSince: d("2026-03-02T14:00:00Z"), pending: null }],
  tokenRuns: [
    { at: d("2026-03-03T09:00:00Z"), environment: "simulateur", outcome: "success", apiCallUrl: "http://127.0.0.1:3000/dh7/declarations", apiCallStatus: 200 },
  ],
  callbacks: [{ kind: "received", at: d("2026-03-03T10:00:00Z"), api: "DeltaH7", tokenValid: true }],
  dh7: {
    firstDeclarationAt: d("2026-03-03T11:00:00Z"),
    firstResponseDelivered: { at: d("2026-03-03T11:00:00.200Z"), status: 200, mrn: "26FR0000000000001" },
    latestResponse: { state: "SENT", attempts: 1, lastStatus: 200, lastError: null },
    errorsDelivered: 0,
  },
};

const step = (facts: PathFacts, key: StepKey) => certificationPath(facts, fmt).steps.find((s) => s.key === key)!;

describe("certification path (pure steps)", () => {
  it("lists the guide's eight steps in order, and the DeltaH7 exchange as a ninth for an account habilitated on DeltaH7", () => {
    const path = certificationPath(fresh, fmt);
    expect(path.steps.map((s) => s.key)).toEqual(["created", "requested", "approved", "complete", "urlActive", "token", "apiCall", "callback"]);
    expect(path.steps.map((s) => s.title)).toEqual(STEP_DEFINITIONS.filter((s) => s.key !== "dh7Exchange").map((s) => s.title));
    const withDh7 = certificationPath(complete, fmt);
    expect(withDh7.steps.map((s) => s.key)).toEqual(STEP_DEFINITIONS.map((s) => s.key));
    expect(withDh7.steps.at(-1)).toMatchObject({ key: "dh7Exchange", title: "Échange DeltaH7 complet (déclaration envoyée, réponse reçue)" });
    expect(withDh7.total).toBe(9);
    for (const s of path.steps) expect(s.help.length).toBeGreaterThan(20);
  });

  it("a fresh account: only the creation is ticked, with its date; the next step is the request", () => {
    const path = certificationPath(fresh, fmt);
    expect(path.doneCount).toBe(1);
    expect(path.total).toBe(8);
    expect(path.nextKey).toBe("requested");
    expect(path.steps[0]).toMatchObject({ done: true, at: created });
    for (const s of path.steps.slice(1)) {
      expect(s.done).toBe(false);
      expect(s.at).toBeNull();
      expect(s.todo).toBeTruthy();
    }
  });

  it("an account that did everything: every step ticked with its own date", () => {
    const path = certificationPath(complete, fmt);
    expect(path.doneCount).toBe(9);
    expect(path.nextKey).toBeNull();
    expect(path.steps.map((s) => s.at?.toISOString())).toEqual([
      "2026-03-01T09:00:00.000Z",
      "2026-03-01T10:00:00.000Z",
      "2026-03-02T09:00:00.000Z",
      "2026-03-02T10:00:00.000Z",
      "2026-03-02T14:00:00.000Z",
      "2026-03-03T09:00:00.000Z",
      "2026-03-03T09:00:00.000Z",
      "2026-03-03T10:00:00.000Z",
      "2026-03-03T11:00:00.200Z",
    ]);
    expect(step(complete, "dh7Exchange").detail).toBe("Response_H7 (MRN 26FR0000000000001) : réponse reçue par votre système (HTTP 200)");
    expect(step(complete, "apiCall").detail).toBe("http://127.0.0.1:3000/dh7/declarations → 200 (Simulateur)");
  });

  it("approval: a pending request is awaited, a refusal shows its reason, the first active habilitation dates it", () => {
    const pending: PathFacts = {
      ...fresh,
      requests: [{ createdAt: d("2026-03-01T10:00:00Z"), status: "SUBMITTED", items: [{ api: "Gamma2", decision: "PENDING", reason: null, decidedAt: null }] }],
    };
    expect(step(pending, "requested")).toMatchObject({ done: true, detail: "Gamma2" });
    expect(step(pending, "approved").todo).toBe("Demande en attente de la douane depuis le 2026-03-01T10:00:00.000Z (Gamma2).");

    const refused: PathFacts = {
      ...fresh,
      requests: [
        { createdAt: d("2026-03-01T10:00:00Z"), status: "REFUSED", items: [{ api: "DeltaIE", decision: "REFUSED", reason: "Pas d'import prévu.", decidedAt: d("2026-03-02T08:00:00Z") }] },
      ],
    };
    expect(step(refused, "approved").done).toBe(false);
    expect(step(refused, "approved").todo).toContain("DeltaIE refusée le 2026-03-02T08:00:00.000Z : « Pas d'import prévu. »");

    const two: PathFacts = {
      ...complete,
      habilitations: [
        { api: "Gamma2", grantedAt: d("2026-03-05T09:00:00Z") },
        { api: "DeltaH7", grantedAt: d("2026-03-02T09:00:00Z") },
      ],
    };
    expect(step(two, "approved")).toMatchObject({ done: true, at: d("2026-03-02T09:00:00Z"), detail: "Gamma2, DeltaH7" });
  });

  it("data complete follows the green status and says what is missing otherwise", () => {
    const yellow: PathFacts = { ...complete, status: { level: "yellow", since: d("2026-03-02T09:00:00Z"), missing: ["PNTS : url à renseigner"] } };
    expect(step(yellow, "complete")).toMatchObject({ done: false, at: null, todo: "À renseigner : PNTS : url à renseigner." });
    const greenUnknownDate: PathFacts = { ...complete, status: { level: "green", since: null, missing: [] } };
    expect(step(greenUnknownDate, "complete")).toMatchObject({ done: true, at: null });
  });

  it("url active: the url in force, not a pending one; every habilitated API needs one", () => {
    const onlyPending: PathFacts = {
      ...complete,
      urls: [{ api: "DeltaH7", active: null, activeSince: null, pending: { value: "https://new.example.fr", effectiveAt: d("2026-03-02T14:00:00Z") } }],
    };
    expect(step(onlyPending, "urlActive")).toMatchObject({ done: false, at: null });
    expect(step(onlyPending, "urlActive").todo).toBe("En attente du délai d'activation : nouvelle url DeltaH7 active au plus tard le 2026-03-02T14:00:00.000Z.");

    const activeWithChange: PathFacts = {
      ...complete,
      urls: [{ api: "DeltaH7", active: "https://old.example.fr", activeSince: d("2026-03-02T14:00:00Z"), pending: { value: "https://new.example.fr", effectiveAt: d("2026-03-09T14:00:00Z") } }],
    };
    expect(step(activeWithChange, "urlActive")).toMatchObject({ done: true, at: d("2026-03-02T14:00:00Z") });
    expect(step(activeWithChange, "urlActive").detail).toContain("DeltaH7 : https://old.example.fr");

    const oneMissing: PathFacts = {
      ...complete,
      urls: [...complete.urls, { api: "Gamma2", active: null, activeSince: null, pending: null }],
    };
    expect(step(oneMissing, "urlActive")).toMatchObject({ done: false, todo: "Renseignez l'url de : Gamma2." });

    const twoActive: PathFacts = {
      ...complete,
      urls: [...complete.urls, { api: "Gamma2", active: "https://g.example.fr", activeSince: d("2026-03-04T08:00:00Z"), pending: null }],
    };
    expect(step(twoActive, "urlActive").at).toEqual(d("2026-03-04T08:00:00Z"));
    expect(step({ ...complete, habilitations: [], urls: [] }, "urlActive").done).toBe(false);
  });

  it("token and API call: successes on Simulateur or Formation only, since the account exists; the first one dates the step", () => {
    const runs: PathFacts = {
      ...fresh,
      tokenRuns: [
        { at: d("2026-02-20T09:00:00Z"), environment: "formation", outcome: "success", apiCallUrl: null, apiCallStatus: null }, // before creation
        { at: d("2026-03-04T09:00:00Z"), environment: "production", outcome: "success", apiCallUrl: "https://api.douane.gouv.fr/x", apiCallStatus: 200 },
        { at: d("2026-03-05T09:00:00Z"), environment: "simulateur", outcome: "oauth_error", apiCallUrl: null, apiCallStatus: null },
        { at: d("2026-03-06T09:00:00Z"), environment: "formation", outcome: "success", apiCallUrl: "https://api-form.douane.gouv.fr/dh7", apiCallStatus: 403 },
        { at: d("2026-03-07T09:00:00Z"), environment: "simulateur", outcome: "success", apiCallUrl: "http://127.0.0.1:3000/example/api", apiCallStatus: 204 },
      ],
    };
    expect(step(runs, "token")).toMatchObject({ done: true, at: d("2026-03-06T09:00:00Z"), detail: "Formation" });
    expect(step(runs, "apiCall")).toMatchObject({ done: true, at: d("2026-03-07T09:00:00Z") });

    const failures: PathFacts = {
      ...fresh,
      tokenRuns: [
        { at: d("2026-03-05T09:00:00Z"), environment: "simulateur", outcome: "oauth_error", apiCallUrl: null, apiCallStatus: null },
        { at: d("2026-03-06T09:00:00Z"), environment: "personnalise", outcome: "success", apiCallUrl: "https://x.example/api", apiCallStatus: 200 },
      ],
    };
    expect(step(failures, "token").done).toBe(false);
    expect(step(failures, "token").todo).toContain("Dernier test le 2026-03-06T09:00:00.000Z : réussi hors Simulateur et Formation.");
    expect(step(failures, "apiCall").done).toBe(false);
  });

  it("test callback: received with the right token, or a 2xx answer from the operator's system", () => {
    const rejected: PathFacts = {
      ...fresh,
      callbacks: [
        { kind: "received", at: d("2026-03-05T09:00:00Z"), api: "DeltaH7", tokenValid: false },
        { kind: "sent", at: d("2026-03-05T09:01:00Z"), api: "DeltaH7", status: 500 },
        { kind: "sent", at: d("2026-03-05T09:02:00Z"), api: "DeltaH7", status: null },
      ],
    };
    expect(step(rejected, "callback").done).toBe(false);
    const answered: PathFacts = { ...rejected, callbacks: [...rejected.callbacks, { kind: "sent", at: d("2026-03-06T09:00:00Z"), api: "DeltaH7", status: 202 }] };
    expect(step(answered, "callback")).toMatchObject({ done: true, at: d("2026-03-06T09:00:00Z"), detail: "DeltaH7 : votre système a répondu 202" });
    // Sent to the demo receiver: it is the receipt (token checked) that is reported.
    const demo: PathFacts = {
      ...answered,
      callbacks: [...answered.callbacks, { kind: "received", at: d("2026-03-07T09:00:00.150Z"), api: "DeltaH7", tokenValid: true }],
    };
    expect(step(demo, "callback")).toMatchObject({ done: true, at: d("2026-03-07T09:00:00.150Z"), detail: "DeltaH7 : reçu par le récepteur de démonstration, token valide" });
  });

  it("a step is ticked on its own evidence: a token obtained before any habilitation counts, the next step stays the first not done", () => {
    const early: PathFacts = {
      ...fresh,
      tokenRuns: [{ at: d("2026-03-01T09:30:00Z"), environment: "simulateur", outcome: "success", apiCallUrl: null, apiCallStatus: null }],
    };
    const path = certificationPath(early, fmt);
    expect(path.doneCount).toBe(2);
    expect(path.nextKey).toBe("requested");
    expect(step(early, "token").done).toBe(true);
  });

  it("DeltaH7 exchange: done only when a Response_H7 reached the operator (2xx); otherwise where it stands", () => {
    const withDh7 = (dh7: NonNullable<PathFacts["dh7"]>): PathFacts => ({ ...complete, dh7 });
    const nothing = withDh7({ firstDeclarationAt: null, firstResponseDelivered: null, latestResponse: null, errorsDelivered: 0 });
    expect(step(nothing, "dh7Exchange")).toMatchObject({ done: false, at: null, detail: null });
    expect(step(nothing, "dh7Exchange").todo).toContain("POST /dh7/declarations/creer");
    expect(certificationPath(nothing, fmt)).toMatchObject({ doneCount: 8, total: 9, nextKey: "dh7Exchange" });

    const declared = { firstDeclarationAt: d("2026-03-04T09:00:00Z"), firstResponseDelivered: null, errorsDelivered: 0 };
    const inFlight = withDh7({ ...declared, latestResponse: { state: "PENDING", attempts: 0, lastStatus: null, lastError: null } });
    expect(step(inFlight, "dh7Exchange").todo).toBe("Déclaration reçue ; la réponse Response_H7 est en cours d'envoi vers l'url active de DeltaH7.");
    const retrying = withDh7({ ...declared, latestResponse: { state: "PENDING", attempts: 2, lastStatus: 503, lastError: "HTTP 503" } });
    expect(step(retrying, "dh7Exchange").todo).toContain("(2 tentatives, dernière : HTTP 503)");
    const failed = withDh7({ ...declared, latestResponse: { state: "FAILED", attempts: 5, lastStatus: 500, lastError: "HTTP 500" } });
    expect(step(failed, "dh7Exchange")).toMatchObject({ done: false });
    expect(step(failed, "dh7Exchange").todo).toContain("n'a pas pu être remise (HTTP 500, 5 tentatives)");
    expect(step(failed, "dh7Exchange").todo).toContain("« Renvoyer »");
    const unreachable = withDh7({ ...declared, latestResponse: { state: "FAILED", attempts: 1, lastStatus: null, lastError: "Aucune url active pour cette API : la douane ne sait pas où appeler." } });
    expect(step(unreachable, "dh7Exchange").todo).toContain("(Aucune url active pour cette API : la douane ne sait pas où appeler., 1 tentative)");

    // An Error_H7 is an answer, not the accepted loop.
    const onlyErrors = withDh7({ ...declared, latestResponse: null, errorsDelivered: 2 });
    expect(step(onlyErrors, "dh7Exchange").done).toBe(false);
    expect(step(onlyErrors, "dh7Exchange").todo).toContain("Error_H7");

    // Resent by hand after a failure: the delivery dates the step, the MRN may be unknown.
    const resent = withDh7({ ...declared, firstResponseDelivered: { at: d("2026-03-05T10:00:00Z"), status: 202, mrn: null }, latestResponse: { state: "SENT", attempts: 1, lastStatus: 202, lastError: null } });
    expect(step(resent, "dh7Exchange")).toMatchObject({ done: true, at: d("2026-03-05T10:00:00Z"), detail: "Response_H7 : réponse reçue par votre système (HTTP 202)" });

    // Not habilitated on DeltaH7: the step is not on the path, whatever the declarations.
    expect(certificationPath({ ...complete, dh7: null }, fmt)).toMatchObject({ doneCount: 8, total: 8, nextKey: null });
  });
});
