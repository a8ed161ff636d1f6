/**
 * An operator's script, as a customer of the console would write it with `lib/oauth-client`: a
 * token from the token host (TLS, trusted through NODE_EXTRA_CA_CERTS), then a Creation_H7 posted
 * to the API host. Prints the acknowledgement as JSON.
 *   TOKEN_URL=… API_URL=… [DOUANE_USERNAME=api-demo-1] DOUANE_PASSWORD=… npx tsx e2e/support/operator-dh7.ts <lrn>
 */
import { TokenClient } from "../../lib/oauth-client";
import { sampleCreationH7 } from "../../lib/dh7/messages";

async function main() {
  const lrn = process.argv[2] ?? "LRN-OPERATEUR-1";
  const client = new TokenClient({ tokenUrl: process.env.TOKEN_URL!, username: process.env.DOUANE_USERNAME ?? "api-demo-1", password: process.env.DOUANE_PASSWORD! });
  const response = await client.fetch(`${process.env.API_URL}/dh7/declarations/creer`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(sampleCreationH7(lrn)),
  });
  console.log(JSON.stringify({ status: response.status, body: await response.json() }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
