/** Simulated customs API /gamma2/... (catalogue pathPrefix "gamma2"; logic: lib/oauth/resource.ts). */
import { simulatedApiHandler } from "@/lib/oauth/resource";

export const dynamic = "force-dynamic";

const handler = simulatedApiHandler("gamma2");
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
