/**
 * The signed-in user of the current request — the one place every page, server action and route
 * handler reads the session: the session cookie (next-auth JWT) decoded, its server-side row still
 * open (lib/auth/sessions.ts: not signed out, not ended by a password change or a removal), and
 * the user read fresh from the database.
 */
import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { getToken, type JWT } from "next-auth/jwt";
import { notFound, redirect } from "next/navigation";
import { db } from "../db";
import { sessionIsOpen } from "./sessions";
import { canUseCustomsDesk, type Actor } from "../authorization/policy";

/** The session cookie's content (next-auth JWT, decrypted), or null. */
export const readSessionToken = cache(async (): Promise<JWT | null> =>
  // The cookie only (no `Authorization: Bearer <jwt>` fallback): sessions live in the cookie.
  getToken({ req: { cookies: await cookies(), headers: new Headers() } as unknown as Parameters<typeof getToken>[0]["req"] }),
);

export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const token = await readSessionToken();
  const id = token?.uid;
  if (typeof id !== "string") return null;
  const [open, user] = await Promise.all([
    sessionIsOpen(token?.sid, id),
    db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } }),
  ]);
  return open ? user : null;
});

/** For pages: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}

/** For the customs desk's pages: the signed-in customs agent, or a 404 for anyone else. */
export async function requireCustomsAgent(): Promise<Actor> {
  const user = await requireUser();
  if (!canUseCustomsDesk(user)) notFound();
  return user;
}
