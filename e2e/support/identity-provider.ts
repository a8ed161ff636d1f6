/**
 * A real OpenID Connect identity provider for the federation journeys (e2e/federation.spec.ts):
 * panva's `oidc-provider` on 127.0.0.1, configured as ProConnect behaves — authorization code with
 * PKCE (required), state and nonce, RS256 id_token and signed userinfo carrying
 * `email given_name usual_name siret uid`, RP-initiated logout. Its login and logout pages are
 * its own small HTML (the package's development pages load web fonts): nothing from outside.
 *
 * The people are the test's: it can add one or change one's email while the provider runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export type Person = {
  login: string;
  password: string;
  sub: string;
  email: string;
  emailVerified: boolean;
  givenName: string;
  usualName: string;
  siret?: string;
};

export type IdentityProvider = {
  issuer: string;
  people: Map<string, Person>;
  /** Successful sign-ins at the provider (its login form submitted), and ended provider sessions. */
  counts: { logins: number; logouts: number };
  stop(): Promise<void>;
};

export type Client = { clientId: string; clientSecret: string; consoles: string[] };

const SCOPES = ["openid", "email", "given_name", "usual_name", "siret", "uid"];

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;max-width:28rem;margin:3rem auto}label,input,button{display:block;margin:.5rem 0}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function loginForm(uid: string, error?: string): string {
  return page(
    "Fournisseur d'identité de test",
    `${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">Identifiant</label><input id="login" name="login" autocomplete="username" required>
<label for="password">Mot de passe</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Se connecter au fournisseur</button></form>`,
  );
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(html);
}

export async function startIdentityProvider({ port, client, people }: { port: number; client: Client; people: Person[] }): Promise<IdentityProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const byLogin = new Map(people.map((p) => [p.login, { ...p }]));
  const counts = { logins: 0, logouts: 0 };
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: "jwk" }), kid: "idp-test", alg: "RS256", use: "sig" };
  const bySub = (sub: string) => [...byLogin.values()].find((p) => p.sub === sub);

  const configuration: Configuration = {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.consoles.map((c) => `${c}/api/auth/callback/proconnect`),
        post_logout_redirect_uris: client.consoles.map((c) => `${c}/login`),
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: "RS256",
        userinfo_signed_response_alg: "RS256",
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], given_name: ["given_name"], usual_name: ["usual_name"], siret: ["siret"], uid: ["uid"] },
    scopes: SCOPES,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // No confirmation (as ProConnect): the form is submitted at once, "yes".
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = page(
            "Déconnexion du fournisseur",
            `${form.replace("</form>", '<input type="hidden" name="logout" value="yes"><button type="submit">Se déconnecter</button></form>')}
<script>document.forms[0].submit()</script>`,
          );
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.body = page("Déconnecté du fournisseur", "<p>Vous êtes déconnecté.</p>");
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page("Erreur du fournisseur", `<pre>${escapeHtml(JSON.stringify(out))}</pre>`);
    },
    async findAccount(_ctx, id) {
      const person = bySub(id);
      if (!person) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: person.sub,
            email: person.email,
            email_verified: person.emailVerified,
            given_name: person.givenName,
            usual_name: person.usualName,
            siret: person.siret,
            uid: person.login,
          };
        },
      };
    },
    // A first-party client: no consent screen, the grant carries the requested OIDC scopes.
    async loadExistingGrant(ctx) {
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: session.accountId! });
      grant.addOIDCScope(SCOPES.join(" "));
      await grant.save();
      return grant;
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.on("end_session.success", () => {
    counts.logouts += 1;
  });
  const callback = provider.callback();

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!match) {
      void callback(req, res);
      return;
    }
    void (async () => {
      try {
        const details = await provider.interactionDetails(req, res);
        if (details.prompt.name !== "login") {
          await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
          return;
        }
        if (req.method === "GET") {
          sendHtml(res, 200, loginForm(details.uid));
          return;
        }
        const form = await formBody(req);
        const person = byLogin.get(form.get("login") ?? "");
        if (!person || person.password !== form.get("password")) {
          sendHtml(res, 200, loginForm(details.uid, "Identifiant ou mot de passe incorrect."));
          return;
        }
        counts.logins += 1;
        await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false });
      } catch (error) {
        sendHtml(res, 400, page("Erreur du fournisseur", `<pre>${escapeHtml(String(error))}</pre>`));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });

  return {
    issuer,
    people: byLogin,
    counts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
