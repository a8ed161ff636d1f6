/**
 * Peer of `npm run bench`: oauth2-mock-server as its README shows it (one process, one RS512 key
 * so its id_token is signed like the console's). It does NO password check and stores nothing:
 * the password grant answers any username/password, the refresh grant any refresh_token, and it
 * has no protected API — GET /userinfo takes a Bearer header but does not validate it.
 *
 * Usage: node --import tsx bench/peers/oauth2-mock-server-peer.mts <port>
 */
import { OAuth2Server } from "oauth2-mock-server";

const port = Number(process.argv[2]);
if (!port) throw new Error("usage: oauth2-mock-server-peer.mts <port>");

const server = new OAuth2Server();
await server.issuer.keys.generate("RS512");
await server.start(port, "127.0.0.1");
console.log(`oauth2-mock-server peer on ${server.issuer.url ?? `http://127.0.0.1:${port}`}`);
