"use server";
/** Server action of the session: sign-out (ends the session on the server, then at the federation). */
import { cookies } from "next/headers";
import type { ActionResult } from "../action-result";
import { readSessionToken } from "./session";
import { signOutSession, type SignOutOutcome } from "./sign-out";

/** next-auth's session cookie (and its chunks: `.0`, `.1`… when it grows past 4 kB). */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

export async function signOutAction(): Promise<ActionResult<SignOutOutcome>> {
  const outcome = await signOutSession(await readSessionToken());
  const jar = await cookies();
  for (const { name } of jar.getAll()) {
    if (SESSION_COOKIE.test(name)) jar.set(name, "", { maxAge: 0, path: "/", httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
  return { ok: true, data: outcome };
}
