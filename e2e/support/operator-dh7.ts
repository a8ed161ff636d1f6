/**
 * An operator's script, as a customer of the console would write it with `lib/oauth-client`: a
 * token from the token host (TLS, trusted through NODE_EXTRA_CA_CERTS), then a Creation_H7 posted
 * to the API host. Prints the acknowledgement as JSON.
 *   TOKEN_URL=… API_URL=… DOUANE_PASSWORD=… npx tsx e2e/support/operator-dh7.ts <lrn>
 */
import { TokenClient } from "../../lib/oauth-client";

async function main() {
  const lrn = process.argv[2] ?? "LRN-OPERATEUR-1";
  const client = new TokenClient({ tokenUrl: process.env.TOKEN_URL!, username: "api-demo-1", password: process.env.DOUANE_PASSWORD! });
  const response = await client.fetch(`${process.env.API_URL}/dh7/declarations/creer`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      messageDateTime: "2026-12-01T10:15:00+01:00[Europe/Paris]",
      messageId: `MSG-${lrn}`,
      lrn,
      declarationType: "IM",
      additionalDeclarationType: "A",
      customsOfficeOfLodgement: "FR000690",
      totalAmountInvoiced: 100,
    }),
  });
  console.log(JSON.stringify({ status: response.status, body: await response.json() }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
