import { describe, expect, it } from "vitest";
import { checkFormContentType, MAX_FORM_BYTES, parseForm, parseMediaType, readLimitedBody } from "@/lib/oauth/form";

describe("Content-Type of a token request (RFC 6749 §4.3.2: application/x-www-form-urlencoded only)", () => {
  it.each([
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=UTF-8",
    "Application/X-WWW-Form-Urlencoded;charset=utf-8",
    'application/x-www-form-urlencoded; charset="utf-8"',
    "application/x-www-form-urlencoded; charset=us-ascii",
  ])("accepts %s", (header) => {
    expect(checkFormContentType(header)).toEqual({ ok: true });
  });

  it.each([
    [null, /manquant/],
    ["", /manquant/],
    ["application/json", /application\/json/],
    ["multipart/form-data; boundary=x", /multipart\/form-data/],
    ["text/plain", /text\/plain/],
    ["application/x-www-form-urlencoded; charset=iso-8859-1", /iso-8859-1/],
    ["application/x-www-form-urlencoded; charset", /manquant ou illisible/],
    ["pas un type", /manquant ou illisible/],
  ])("refuses %j", (header, reason) => {
    const verdict = checkFormContentType(header);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(reason);
  });

  it("parses parameters, lower-casing names and unquoting values", () => {
    expect(parseMediaType('Application/JSON; Charset="UTF-8"; q=1')).toEqual({ type: "application/json", params: { charset: "UTF-8", q: "1" } });
  });
});

describe("form body parsing", () => {
  it("decodes percent escapes and + as space, keeps empty values", () => {
    const parsed = parseForm("grant_type=password&username=api%2Ddemo&password=Demo-Api-2026%21x&scope=openid+profile&empty=");
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(Object.fromEntries(parsed.params)).toEqual({
      grant_type: "password",
      username: "api-demo",
      password: "Demo-Api-2026!x",
      scope: "openid profile",
      empty: "",
    });
    expect(parsed.repeated).toEqual([]);
  });

  it("reports every repeated name once, keeping the first value", () => {
    const parsed = parseForm("username=a&username=b&username=c&password=x&password=");
    expect(parsed.ok && parsed.repeated.sort()).toEqual(["password", "username"]);
    expect(parsed.ok && parsed.params.get("username")).toBe("a");
  });

  it("decodes UTF-8 escapes and ignores empty pairs", () => {
    const parsed = parseForm("&&username=%C3%A9l%C3%A8ve&&");
    expect(parsed.ok && parsed.params.get("username")).toBe("élève");
  });

  it.each(["username=%zz", "username=%E9t%E9", "pass%word=x", "a=%"])("refuses a malformed escape: %s", (body) => {
    const parsed = parseForm(body);
    expect(parsed.ok).toBe(false);
  });
});

describe("bounded body reading", () => {
  const request = (body: BodyInit | null, headers: Record<string, string> = {}) =>
    new Request("http://127.0.0.1/oauth2/token", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("reads a small body", async () => {
    expect(await readLimitedBody(request("a=b"))).toEqual({ ok: true, text: "a=b" });
  });

  it("refuses a declared Content-Length above the limit without reading", async () => {
    expect(await readLimitedBody(request("a=b", { "content-length": String(MAX_FORM_BYTES + 1) }))).toEqual({ ok: false, reason: "too_large" });
  });

  it("stops reading a streamed body once it passes the limit", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024).fill(97));
        if (pulled > 1000) controller.close();
      },
    });
    expect(await readLimitedBody(request(stream), 4096)).toEqual({ ok: false, reason: "too_large" });
    expect(pulled).toBeLessThan(10);
  });

  it("refuses bytes that are not UTF-8", async () => {
    expect(await readLimitedBody(request(new Uint8Array([0x61, 0x3d, 0xff])))).toEqual({ ok: false, reason: "encoding" });
  });
});
