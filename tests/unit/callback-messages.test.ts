import { describe, expect, it } from "vitest";
import { CALLBACK_SAMPLES, GENERIC_SAMPLE, callbackPath, callbackUrl, makeReference, sampleFor } from "@/lib/callbacks/messages";
import { MASK, maskSecret } from "@/lib/callbacks/deliver";

const AT = new Date("2026-03-12T13:05:00Z");
const RANDOM = Uint8Array.from({ length: 32 }, (_, i) => i * 7);

describe("sample messages of test callbacks", () => {
  it("one per catalogue API, each saying it is a test and carrying its reference", () => {
    expect(Object.keys(CALLBACK_SAMPLES).sort()).toEqual(["DELTA_H7", "DELTA_IE", "GAMMA2", "PNTS"]);
    for (const [code, sample] of Object.entries(CALLBACK_SAMPLES)) {
      const reference = makeReference(AT, sample.referenceRandomLength, RANDOM);
      const body = sample.body({ reference, at: AT, identifiant: "H7_API", apiCode: code });
      expect(body).toMatchObject({ essai: true, api: code, compteApi: "H7_API", reference, dateEmission: "2026-03-12T13:05:00.000Z" });
      expect(typeof body.typeMessage).toBe("string");
      expect(JSON.parse(JSON.stringify(body))).toEqual(body);
      expect(sample.pathTemplate).toMatch(/^\/[a-z]+\/\{ref\}\/[a-z]+$/);
    }
    expect(CALLBACK_SAMPLES.DELTA_H7!.pathTemplate).toBe("/declarations/{ref}/reponses");
    expect(CALLBACK_SAMPLES.GAMMA2!.pathTemplate).toBe("/mouvements/{ref}/evenements");
  });

  it("an API added later gets the generic notification; inherited keys are not APIs", () => {
    expect(sampleFor("NOUVELLE_API")).toBe(GENERIC_SAMPLE);
    expect(sampleFor("toString")).toBe(GENERIC_SAMPLE);
    expect(sampleFor("__proto__")).toBe(GENERIC_SAMPLE);
  });

  it("references look like customs ones: year, FR, upper-case letters and digits", () => {
    expect(makeReference(AT, 14, RANDOM)).toMatch(/^26FR[0-9A-Z]{14}$/);
    expect(makeReference(AT, 17, RANDOM)).toHaveLength(21);
    expect(makeReference(AT, 14, RANDOM)).toBe(makeReference(AT, 14, RANDOM));
    expect(makeReference(new Date("2009-01-01T00:00:00Z"), 2, Uint8Array.of(0, 35))).toBe("09FR0Z");
  });

  it("the url called is the active url followed by the path (trailing slash, query kept, fragment dropped)", () => {
    const path = callbackPath(CALLBACK_SAMPLES.DELTA_H7!, "26FRABC");
    expect(path).toBe("/declarations/26FRABC/reponses");
    expect(callbackUrl("https://api.entreprise.fr/douane", path)).toBe("https://api.entreprise.fr/douane/declarations/26FRABC/reponses");
    expect(callbackUrl("https://api.entreprise.fr/douane/", path)).toBe("https://api.entreprise.fr/douane/declarations/26FRABC/reponses");
    expect(callbackUrl("https://api.entreprise.fr", path)).toBe("https://api.entreprise.fr/declarations/26FRABC/reponses");
    expect(callbackUrl("https://api.entreprise.fr/v1?cle=1#x", path)).toBe("https://api.entreprise.fr/v1/declarations/26FRABC/reponses?cle=1");
    expect(callbackPath(GENERIC_SAMPLE, "a/b?c")).toBe("/declarations/a%2Fb%3Fc/reponses");
  });
});

describe("masking the token in what is kept", () => {
  it("replaces every occurrence of the token, and anything shaped like a credential", () => {
    expect(maskSecret('{"recu":"Jeton-Secret-1","x":"Jeton-Secret-1"}', "Jeton-Secret-1")).toBe(`{"recu":"${MASK}","x":"${MASK}"}`);
    expect(maskSecret("authorization: Bearer abc.def", "zzzz")).toBe(`authorization: Bearer ${MASK}`);
    expect(maskSecret('{"access_token":"abc"}', "zzzz")).toBe(`{"access_token":"${MASK}"}`);
    expect(maskSecret("rien à masquer", "Jeton-Secret-1")).toBe("rien à masquer");
    // A token of 1–3 characters would mangle any text: only credential-shaped values are masked then.
    expect(maskSecret("statut t ok", "t")).toBe("statut t ok");
  });
});
