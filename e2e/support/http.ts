/**
 * HTTP from a chosen source address. The console believes the socket's address (never a client's
 * X-Forwarded-For), so tests that need several clients connect from several loopback addresses
 * (127.0.0.0/8 all reach the server on 127.0.0.1). Answers a web Response, like fetch.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export type RawInit = { method?: string; headers?: Record<string, string>; body?: string | Buffer };

export function fetchFrom(localAddress: string, url: string, init: RawInit = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : Buffer.isBuffer(init.body) ? init.body : Buffer.from(init.body, "utf8");
    const headers: Record<string, string> = { ...init.headers };
    if (body && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) headers["Content-Length"] = String(body.byteLength);
    const request = url.startsWith("https:") ? httpsRequest : httpRequest;
    const req = request(url, { method: init.method ?? "GET", headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (Array.isArray(v)) v.forEach((x) => out.append(k, x));
          else if (v !== undefined) out.set(k, v);
        }
        const status = res.statusCode ?? 0;
        resolve(new Response([204, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers: out }));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

let counter = 0;
/** A loopback address no other test uses (127.0.1.1, 127.0.1.2, …): its own rate-limit counters. */
export function freshLoopback(): string {
  counter += 1;
  return `127.0.${1 + Math.floor(counter / 250)}.${(counter % 250) + 1}`;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
}

/**
 * Signs in through next-auth's credentials endpoint exactly as the login form does, from a chosen
 * source address. Answers the error code (IDENTIFIANTS_INVALIDES, TROP_DE_TENTATIVES) or null on
 * success, with the session cookie.
 */
export async function signInFrom(localAddress: string, base: string, email: string, password: string): Promise<{ error: string | null; cookie: string }> {
  const csrf = await fetchFrom(localAddress, `${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrf);
  const response = await fetchFrom(localAddress, `${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/comptes-api` }).toString(),
  });
  const { url } = (await response.json()) as { url: string };
  const error = new URL(url).searchParams.get("error");
  return { error, cookie: [csrfCookie, cookiesOf(response)].filter(Boolean).join("; ") };
}
