/**
 * next-auth configuration: credentials against the user table (unless AUTH_CREDENTIALS=off) and,
 * when configured, an identity federation (OIDC, ProConnect-style: ./federation.ts,
 * ./federated-users.ts); JWT sessions backed by a row per session (./sessions.ts) so that sign-out
 * and the changes that must end a session end it on the server, for every instance.
 */
import type { NextAuthOptions, Profile, User } from "next-auth";
import type { OAuthConfig, Provider } from "next-auth/providers/index";
import CredentialsProvider from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { checkCredentials } from "./users";
import { FEDERATION_LABEL, FEDERATION_PROVIDER_ID, signInMethods, type FederationConfig } from "./federation";
import { findFederatedUser, signInFederated, type FederatedProfile } from "./federated-users";
import { consoleBaseUrl } from "../oauth/environments";
import { FEDERATION_REFUSED } from "./sign-in-codes";
import { openSession, sessionIsOpen } from "./sessions";
import { endConsoleSession } from "./sign-out";
import { safeCallbackPath } from "./callback-url";
import { clientAddressOf, UNKNOWN_ADDRESS } from "../net/client-address";
import { log } from "../log";

/** Error codes the login form translates into French (one answer whether the email exists or not). */
export const SIGN_IN_ERRORS = { invalid: "IDENTIFIANTS_INVALIDES", rate_limited: "TROP_DE_TENTATIVES" } as const;

export const SESSION_MAX_AGE_S = 8 * 60 * 60;

/** Thrown by the jwt callback for a session ended on the server: next-auth then clears the cookie. */
export const ENDED_SESSION = "SESSION_TERMINEE";

/** The address of the request being handled (next-auth's OAuth callback gives its callbacks no request). */
async function requestAddress(): Promise<string> {
  try {
    return clientAddressOf(await headers());
  } catch {
    return UNKNOWN_ADDRESS;
  }
}

const credentialsProvider = CredentialsProvider({
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
});

/**
 * The federation as ProConnect works: authorization code with PKCE, state and nonce; the id_token
 * checked (RS256); the person's claims read from the signed userinfo (RS256), which openid-client
 * verifies against the provider's keys and whose `sub` must be the id_token's.
 */
function federationProvider(config: FederationConfig): OAuthConfig<Profile> {
  return {
    id: FEDERATION_PROVIDER_ID,
    name: FEDERATION_LABEL,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    checks: ["pkce", "state", "nonce"],
    idToken: true,
    client: { token_endpoint_auth_method: "client_secret_post", id_token_signed_response_alg: "RS256", userinfo_signed_response_alg: "RS256" },
    httpOptions: { timeout: 10_000 },
    userinfo: {
      async request({ client, tokens }) {
        // `tokens` is openid-client's TokenSet: userinfo() then also checks its sub against the id_token's.
        return (await client.userinfo(tokens as Parameters<typeof client.userinfo>[0])) as Profile;
      },
    },
    // Only the provider's identity: the console's user (roles, SIRETs) is found in the jwt callback.
    profile(profile) {
      return { id: String(profile.sub ?? ""), email: typeof profile.email === "string" ? profile.email : "" } as User;
    },
  };
}

function providers(): Provider[] {
  const methods = signInMethods();
  return [...(methods.credentials ? [credentialsProvider] : []), ...(methods.federation ? [federationProvider(methods.federation)] : [])];
}

/** Built per request: the sign-in methods come from the environment (checked at start-up by server.ts). */
export function authOptions(): NextAuthOptions {
  return { ...baseOptions, providers: providers() };
}

const baseOptions: Omit<NextAuthOptions, "providers"> = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== FEDERATION_PROVIDER_ID) return true;
      const federation = signInMethods().federation;
      if (!federation) return false;
      const result = await signInFederated(federation, (profile ?? {}) as FederatedProfile, await requestAddress());
      return result.ok ? true : `${consoleBaseUrl()}/login?erreur=${FEDERATION_REFUSED}`;
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === FEDERATION_PROVIDER_ID) {
        // Linked by the signIn callback just before: the console's user, never the provider's claims.
        const federation = signInMethods().federation;
        const person = federation ? await findFederatedUser(federation.issuer, account.providerAccountId) : null;
        if (!person) throw new Error(ENDED_SESSION);
        delete token.picture;
        token.sub = person.id;
        token.uid = person.id;
        token.role = person.role;
        token.email = person.email;
        token.name = person.name;
        token.method = "federation";
        // Kept (in the encrypted cookie) for the provider's sign-out: id_token_hint.
        if (typeof account.id_token === "string" && account.id_token.length <= 8192) token.idToken = account.id_token;
        token.sid = await openSession(person.id);
        return token;
      }
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.method = "credentials";
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
    // POST /api/auth/signout (the console's own button uses lib/auth/actions.ts, which also ends a federated session).
    async signOut({ token }) {
      await endConsoleSession(token);
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
