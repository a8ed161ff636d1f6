/**
 * `npm run oauth:rotate-key` — a new RSA signing key for the simulator's id_tokens. The previous
 * keys are retired but stay in the JWKS until the id_tokens they signed have expired (2 h);
 * keys retired longer ago are deleted. The running console signs with the new key at once.
 */
import { loadLocalEnv } from "../lib/env-file";
import { db } from "../lib/db";
import { ID_TOKEN_TTL_S, rotateSigningKey } from "../lib/oauth/signing-keys";

async function main() {
  loadLocalEnv();
  const result = await rotateSigningKey();
  console.log(`Nouvelle clé de signature active : ${result.kid}`);
  if (result.retired.length > 0) {
    console.log(`Clé(s) retirée(s), publiées encore ${ID_TOKEN_TTL_S / 3600} h dans le JWKS : ${result.retired.join(", ")}`);
  }
  if (result.deleted.length > 0) console.log(`Clé(s) expirée(s) supprimée(s) : ${result.deleted.join(", ")}`);
}

main()
  .then(() => db().$disconnect())
  .catch(async (error) => {
    console.error(error instanceof Error ? error.message : error);
    await db().$disconnect();
    process.exit(1);
  });
