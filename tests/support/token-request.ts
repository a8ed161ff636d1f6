/** A POST /oauth2/token as a stock client sends it, each from a fresh documentation address (limits never mix). */
import { consoleBaseUrl } from "@/lib/oauth/environments";
import { fromAddress } from "./client-address";

let ipCounter = 0;
export function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter % 250}`;
}

export function tokenRequest(fields: Record<string, string>, ip = freshIp()): Request {
  return new Request(`${consoleBaseUrl()}/oauth2/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", ...fromAddress(ip) },
    body: new URLSearchParams(fields).toString(),
  });
}
