/** Simulated customs API /pnts/... (catalogue pathPrefix "pnts"; logic: lib/oauth/resource.ts). */
import { simulatedApiHandler } from "@/lib/oauth/resource";

export const dynamic = "force-dynamic";

const handler = simulatedApiHandler("pnts");
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
