/** Simulated customs API /dh7/... (catalogue pathPrefix "dh7"; logic: lib/oauth/resource.ts). */
import { simulatedApiHandler } from "@/lib/oauth/resource";

export const dynamic = "force-dynamic";

const handler = simulatedApiHandler("dh7");
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
