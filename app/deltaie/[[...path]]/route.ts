/** Simulated customs API /deltaie/... (catalogue pathPrefix "deltaie"; logic: lib/oauth/resource.ts). */
import { simulatedApiHandler } from "@/lib/oauth/resource";

export const dynamic = "force-dynamic";

const handler = simulatedApiHandler("deltaie");
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
