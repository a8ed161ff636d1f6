/**
 * Peer of `npm run bench`: @node-oauth/oauth2-server behind a plain node:http server, one process.
 * Two models:
 *  - in memory (the library's usual "in-memory model"), the reference row;
 *  - `--persistent <sqlite file>`: the same work as the console's grant — tokens stored in SQLite
 *    (better-sqlite3, hashed like the console's, one insert of both rows per grant, looked up by
 *    hash), and an RS512 id_token signed with jose for each grant.
 *  - POST /oauth2/token: password grant (client gun-api, scope openid, no client secret) and
 *    refresh_token grant (rotated refresh token);
 *  - GET /api: `authenticate()` of a Bearer access token (RFC 6750), 200 + a small JSON body.
 * The password check uses the SAME algorithm and cost as the console: argon2id through
 * @node-rs/argon2 with HASH_PARAMS from lib/auth/password.ts.
 *
 * Usage: node --import tsx bench/peers/oauth2-server-peer.ts <port> <identifiant>…
 * (every identifiant gets the demo API password).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createHash, generateKeyPairSync } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import OAuth2Server from "@node-oauth/oauth2-server";
import Database from "better-sqlite3";
import { SignJWT } from "jose";
import { HASH_PARAMS } from "../../lib/auth/password";
import { DEMO_API_PASSWORD } from "../../prisma/demo-data";

type User = { username: string; passwordHash: string };
type StoredToken = OAuth2Server.Token;

const CLIENT: OAuth2Server.Client = { id: "gun-api", grants: ["password", "refresh_token"], accessTokenLifetime: 300, refreshTokenLifetime: 7200 };

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Tokens in SQLite, as the console keeps them (hashes only, one insert per grant, lookups by hash). */
function sqliteStore(file: string) {
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.exec(`DROP TABLE IF EXISTS token; CREATE TABLE token (hash TEXT PRIMARY KEY, kind TEXT NOT NULL, username TEXT NOT NULL, scope TEXT NOT NULL, expiresAt INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0)`);
  const insert = sqlite.prepare("INSERT INTO token (hash, kind, username, scope, expiresAt) VALUES (?, ?, ?, ?, ?)");
  const find = sqlite.prepare("SELECT username, scope, expiresAt FROM token WHERE hash = ? AND kind = ? AND revoked = 0");
  const revoke = sqlite.prepare("UPDATE token SET revoked = 1 WHERE hash = ? AND kind = 'refresh' AND revoked = 0");
  const saveBoth = sqlite.transaction((token: OAuth2Server.Token, username: string) => {
    const scope = (token.scope ?? []).join(" ");
    insert.run(sha256(token.accessToken), "access", username, scope, token.accessTokenExpiresAt!.getTime());
    if (token.refreshToken) insert.run(sha256(token.refreshToken), "refresh", username, scope, token.refreshTokenExpiresAt!.getTime());
  });
  return {
    save: saveBoth,
    find: (value: string, kind: "access" | "refresh") => find.get(sha256(value), kind) as { username: string; scope: string; expiresAt: number } | undefined,
    revoke: (value: string) => revoke.run(sha256(value)).changes > 0,
  };
}

async function main() {
  const args = process.argv.slice(2);
  const persistentAt = args.indexOf("--persistent");
  const sqliteFile = persistentAt >= 0 ? args.splice(persistentAt, 2)[1] : undefined;
  const port = Number(args[0]);
  const identifiants = args.slice(1);
  if (!port || identifiants.length === 0) throw new Error("usage: oauth2-server-peer.ts [--persistent <sqlite>] <port> <identifiant>…");
  const store = sqliteFile ? sqliteStore(sqliteFile) : null;
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const ISSUER = `http://127.0.0.1:${port}`;

  // One hash for every account, as the bulk seed does (same parameters as the console).
  const passwordHash = await hash(DEMO_API_PASSWORD, HASH_PARAMS);
  const users = new Map<string, User>(identifiants.map((username) => [username, { username, passwordHash }]));
  const accessTokens = new Map<string, StoredToken>();
  const refreshTokens = new Map<string, StoredToken>();

  const memoryModel: OAuth2Server.PasswordModel & OAuth2Server.RefreshTokenModel = {
    async getClient(clientId) {
      return clientId === CLIENT.id ? CLIENT : null;
    },
    async getUser(username, password) {
      const user = users.get(username);
      if (!user) return null;
      return (await verify(user.passwordHash, password)) ? { username: user.username } : null;
    },
    async validateScope(_user, _client, scope) {
      return scope && scope.length === 1 && scope[0] === "openid" ? scope : false;
    },
    async saveToken(token, client, user) {
      const stored: StoredToken = { ...token, client, user };
      accessTokens.set(token.accessToken, stored);
      if (token.refreshToken) refreshTokens.set(token.refreshToken, stored);
      return stored;
    },
    async getAccessToken(accessToken) {
      return accessTokens.get(accessToken) ?? null;
    },
    async verifyScope() {
      return true;
    },
    async getRefreshToken(refreshToken) {
      const token = refreshTokens.get(refreshToken);
      return token?.refreshToken ? { ...token, refreshToken: token.refreshToken } : null;
    },
    async revokeToken(token) {
      return refreshTokens.delete(token.refreshToken);
    },
  };

  const model: OAuth2Server.PasswordModel & OAuth2Server.RefreshTokenModel = store
    ? {
        ...memoryModel,
        async saveToken(token, client, user) {
          store.save(token, (user as { username: string }).username);
          return { ...token, client, user };
        },
        async getAccessToken(accessToken) {
          const row = store.find(accessToken, "access");
          if (!row) return null;
          return { accessToken, accessTokenExpiresAt: new Date(row.expiresAt), scope: row.scope.split(" "), client: CLIENT, user: { username: row.username } };
        },
        async getRefreshToken(refreshToken) {
          const row = store.find(refreshToken, "refresh");
          if (!row) return null;
          return { refreshToken, refreshTokenExpiresAt: new Date(row.expiresAt), scope: row.scope.split(" "), client: CLIENT, user: { username: row.username } };
        },
        async revokeToken(token) {
          return store.revoke(token.refreshToken);
        },
      }
    : memoryModel;

  /** An id_token as the console signs it: RS512, the guide's claims, at_hash. */
  async function idToken(username: string, accessToken: string): Promise<string> {
    const atHash = createHash("sha512").update(accessToken, "ascii").digest().subarray(0, 32).toString("base64url");
    return new SignJWT({ azp: CLIENT.id, acr: "loa-2", at_hash: atHash, auth_time: Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ alg: "RS512", kid: "peer", typ: "JWT" })
      .setIssuer(ISSUER)
      .setSubject(username)
      .setAudience([CLIENT.id])
      .setIssuedAt()
      .setExpirationTime("300s")
      .sign(privateKey);
  }

  const oauth = new OAuth2Server({
    model,
    requireClientAuthentication: { password: false, refresh_token: false },
    accessTokenLifetime: 300,
    refreshTokenLifetime: 7200,
    alwaysIssueNewRefreshToken: true,
  });

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "Content-Type": "application/json;charset=UTF-8", "Cache-Control": "no-store", ...headers });
    res.end(JSON.stringify(body));
  }

  function fail(res: ServerResponse, error: unknown): void {
    if (error instanceof OAuth2Server.OAuthError) {
      send(res, error.code, { error: error.name, error_description: error.message });
    } else {
      send(res, 500, { error: "server_error" });
    }
  }

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  function oauthRequest(req: IncomingMessage, body: Record<string, string>): OAuth2Server.Request {
    return new OAuth2Server.Request({
      method: req.method ?? "GET",
      headers: req.headers as Record<string, string>,
      query: {},
      body,
    });
  }

  const server = createServer(async (req, res) => {
    try {
      const url = req.url ?? "/";
      if (req.method === "POST" && url === "/oauth2/token") {
        const body = Object.fromEntries(new URLSearchParams(await readBody(req)));
        const response = new OAuth2Server.Response();
        const token = await oauth.token(oauthRequest(req, body), response);
        send(res, 200, {
          access_token: token.accessToken,
          token_type: "Bearer",
          expires_in: 300,
          refresh_token: token.refreshToken,
          ...(store ? { id_token: await idToken((token.user as { username: string }).username, token.accessToken) } : { scope: token.scope?.join(" ") }),
        });
        return;
      }
      if (req.method === "GET" && url.startsWith("/api")) {
        const token = await oauth.authenticate(oauthRequest(req, {}), new OAuth2Server.Response());
        send(res, 200, { message: "ok", account: (token.user as { username: string }).username, path: url });
        return;
      }
      send(res, 404, { error: "not_found" });
    } catch (error) {
      fail(res, error);
    }
  });
  server.listen(port, "127.0.0.1", () => console.log(`oauth2-server peer (${store ? `tokens in SQLite ${sqliteFile}, RS512 id_token` : "in memory"}) on http://127.0.0.1:${port}`));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
