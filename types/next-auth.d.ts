import type { Role } from "@/generated/prisma/enums";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
  }
  interface User {
    id: string;
    email: string;
    name: string;
    role: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    /** The session id (lib/auth/sessions.ts): its SHA-256 keys the UserSession row. */
    sid?: string;
    /** How the person signed in: the email + password form, or the identity federation. */
    method?: "credentials" | "federation";
    /** The federation's id_token of this sign-in, for its sign-out (id_token_hint). */
    idToken?: string;
  }
}
