/**
 * next-auth configuration: credentials against the user table, JWT sessions backed by a row per
 * session (./sessions.ts) so that sign-out and the changes that must end a session end it on
 * the server, for every instance.
 */
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { checkCredentials } from "./users";
import { endSession, openSession, sessionIsOpen } from "./sessions";
import { safeCallbackPath } from "./callback-url";
import { clientAddressOf } from "../net/client-address";
import { recordAudit } from "../audit/audit";
import { log } from "../log";

/** Error codes the login form translates into French (one answer whether the email exists or not). */
export const SIGN_IN_ERRORS = { invalid: "IDENTIFIANTS_INVALIDES", rate_limited: "TROP_DE_TENTATIVES" } as const;

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/** Thrown by the jwt callback for a session ended on the server: next-auth then clears the cookie. */
export const ENDED_SESSION = "SESSION_TERMINEE";

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
        const result = await checkCredentials(credentials?.email, credentials?.password, clientAddressOf(req?.headers));
        if (!result.ok) throw new Error(SIGN_IN_ERRORS[result.reason]);
        return result.user;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sid = await openSession(user.id);
        return token;
      }
      // /api/auth/session: a session ended on the server is not renewed (its cookie is cleared).
      if (!(await sessionIsOpen(token.sid, token.uid))) throw new Error(ENDED_SESSION);
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = { id: token.uid, email: token.email ?? "", name: token.name ?? "", role: token.role };
      }
      return session;
    },
    redirect({ url, baseUrl }) {
      return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
    },
  },
  events: {
    async signOut({ token }) {
      await endSession(token?.sid, "SIGN_OUT");
      if (typeof token?.uid === "string") {
        await recordAudit({ actor: { id: token.uid, email: typeof token.email === "string" ? token.email : "" }, action: "LOGOUT" });
      }
    },
  },
  logger: {
    error(code, metadata) {
      // An ended session presented again is expected, not an error of the console.
      const message = metadata instanceof Error ? metadata.message : (metadata as { message?: unknown } | undefined)?.message;
      if (code === "JWT_SESSION_ERROR" && message === ENDED_SESSION) return;
      log.error("next_auth_error", { code, message: typeof message === "string" ? message : undefined });
    },
    warn(code) {
      log.warn("next_auth_warning", { code });
    },
    debug() {},
  },
};
