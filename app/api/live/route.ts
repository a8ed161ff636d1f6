/** GET /api/live: the signed-in person's page fingerprint (lib/live/fingerprint.ts), never cached. */
import { getCurrentUser } from "@/lib/auth/session";
import { liveFingerprint } from "@/lib/live/fingerprint";

export const dynamic = "force-dynamic";

const HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

export async function GET(): Promise<Response> {
  const actor = await getCurrentUser();
  if (!actor) return new Response(JSON.stringify({ error: "Session expirée : reconnectez-vous." }), { status: 401, headers: HEADERS });
  return new Response(JSON.stringify({ version: await liveFingerprint(actor) }), { status: 200, headers: HEADERS });
}
