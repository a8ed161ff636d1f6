/** The signed-in user of the current request, read fresh from the database. */
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { authOptions } from "./options";
import { db } from "../db";
import { canUseCustomsDesk, type Actor } from "../authorization/policy";

export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = session?.user?.id;
  if (!id) return null;
  return db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true } });
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
