import { describe, expect, it } from "vitest";
import { apiDataSchema, callbackUrlProblem, type FieldDef } from "@/lib/habilitations/fields";

const FIELDS: FieldDef[] = [
  { key: "url", label: "url", kind: "URL", required: true },
  { key: "token", label: "token", kind: "SECRET", required: true },
  { key: "contactTechnique", label: "Email du contact technique", kind: "EMAIL", required: true },
  { key: "note", label: "Note", kind: "TEXT", required: false },
];

const errorsOf = (present: Record<string, boolean>, input: unknown) => {
  const r = apiDataSchema(FIELDS, present).safeParse(input);
  if (r.success) return {};
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[String(i.path[0])] ??= []).push(i.message);
  return out;
};

describe("callback url rule", () => {
  it.each([
    "https://api.entreprise.fr/douane",
    "https://api.entreprise.fr:8443/douane/v1?x=1",
    "http://localhost:3000/recepteur-demo",
    "http://127.0.0.1:3000/recepteur-demo/dh7",
    "http://[::1]:8080/x",
    "https://localhost/x",
  ])("accepts %s", (url) => {
    expect(callbackUrlProblem(url)).toBeNull();
  });

  it.each([
    ["http://api.entreprise.fr/", "https"],
    ["ftp://api.entreprise.fr/", "https"],
    ["https://user:secret@api.entreprise.fr/", "identifiant"],
    ["https://intranet/", "hôte"],
    ["https://bad_host.fr/", "hôte"],
    ["https://api.entreprise.123/", "valide"],
    ["pas une url", "url valide"],
  ])("refuses %s", (url, word) => {
    expect(callbackUrlProblem(url)).toContain(word);
  });

  it("refuses more than 2,048 characters", () => {
    const base = "https://a.fr/";
    expect(callbackUrlProblem(base + "x".repeat(2048 - base.length))).toBeNull();
    expect(callbackUrlProblem(base + "x".repeat(2049 - base.length))).toContain("2");
  });
});

describe("per-API data schema (shared by the form and the server)", () => {
  it("requires url, token and the extra required field, not the optional one", () => {
    expect(errorsOf({}, { url: "", token: "", contactTechnique: "", note: "" })).toEqual({
      url: ["L'url est obligatoire."],
      token: ["Le token est obligatoire."],
      contactTechnique: ["Le champ « Email du contact technique » est obligatoire."],
    });
  });

  it("keeps a stored token when the field is left empty", () => {
    const r = apiDataSchema(FIELDS, { url: true, token: true, contactTechnique: true }).safeParse({ url: "https://a.fr/x", token: "", contactTechnique: "a@b.fr" });
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ token: "" });
  });

  it("refuses to empty a url already stored", () => {
    expect(errorsOf({ url: true, token: true }, { url: " ", token: "", contactTechnique: "a@b.fr" }).url?.[0]).toContain("ne peut pas être effacée");
  });

  it("checks kinds: url, email, secret without control characters", () => {
    const errors = errorsOf({}, { url: "http://api.entreprise.fr", token: "abc\ndef", contactTechnique: "pas-un-email", note: "x".repeat(501) });
    expect(errors.url?.[0]).toContain("https");
    expect(errors.token?.[0]).toContain("caractère de contrôle");
    expect(errors.contactTechnique?.[0]).toContain("adresse email valide");
    expect(errors.note?.[0]).toContain("500");
  });

  it("trims values and tolerates missing or wrongly typed keys as empty", () => {
    const r = apiDataSchema(FIELDS, {}).safeParse({ url: "  https://a.fr/x ", token: " t0k ", contactTechnique: "ops@a.fr", note: 42 });
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ url: "https://a.fr/x", token: "t0k", contactTechnique: "ops@a.fr", note: "" });
  });
});
