/** GET /comptes-api/export?…: the accounts list as CSV, with the filters and order of the page's URL. */
import { getCurrentUser } from "@/lib/auth/session";
import { accountsCsv } from "@/lib/accounts/export";
import { accountListQueryOf, listQuerySchema } from "@/lib/accounts/schema";
import { csvFilename, csvResponse } from "@/lib/csv";
import { now } from "@/lib/clock";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const actor = await getCurrentUser();
  if (!actor) return new Response("Session expirée : reconnectez-vous.", { status: 401, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = accountListQueryOf(listQuerySchema.parse(params));
  return csvResponse(await accountsCsv(actor, query), csvFilename("comptes-api", now()));
}
