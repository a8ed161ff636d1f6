import { db } from "@/lib/db";
import type { Actor } from "@/lib/authorization/policy";

export async function actor(email: string): Promise<Actor> {
  return db().user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true } });
}
