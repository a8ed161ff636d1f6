/** next-auth configuration: credentials against the user table, JWT sessions. */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { checkCredentials } from "./users";

/** Error codes the login form translates into French. */
export const SIGN_IN_ERRORS = { invalid: "IDENTIFIANTS_INVALIDES", locked: "COMPTE_VERROUILLE", rate_limited: "TROP_DE_TENTATIVES" } as const;

/** The right-most X-Forwarded-For entry (set by `next start` to the socket's address). */
function addressOf(headers: Record<string, unknown> | undefined): string {
  const raw = headers?.["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : typeof raw === "string" ? raw : "";
  return value.split(",").pop()?.trim().slice(0, 64) || "inconnue";
}

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "douane.gouv",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Mot de passe", type: "password" },
      },
      async authorize(credentials, req) {
        const result = await checkCredentials(credentials?.email, credentials?.password, addressOf(req?.headers));
        if (!result.ok) throw new Error(SIGN_IN_ERRORS[result.reason]);
        return result.user;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", role: token.role };
      }
      return session;
    },
  },
};
