/** GET /douane/export?…: the customs queue as CSV, with the filters of the page's URL (agents only). */
import { getCurrentUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/authorization";
import { queueCsv } from "@/lib/habilitations/queue-export";
import { QUEUE_STATE_BY_SLUG, queueQuerySchema } from "@/lib/habilitations/schema";
import { csvFilename, csvResponse } from "@/lib/csv";
import { now } from "@/lib/clock";

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function GET(request: Request): Promise<Response> {
  const actor = await getCurrentUser();
  if (!actor) return text("Session expirée : reconnectez-vous.", 401);
  const query = queueQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  try {
    const csv = await queueCsv(actor, { status: QUEUE_STATE_BY_SLUG[query.etat ?? "en-attente"], api: query.api, siret: query.siret });
    return csvResponse(csv, csvFilename("demandes-habilitation", now()));
  } catch (error) {
    if (error instanceof NotFoundError) return text("Page introuvable.", 404);
    throw error;
  }
}
