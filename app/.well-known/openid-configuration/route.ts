/** OpenID Connect Discovery of the simulator (logic: lib/oauth/discovery.ts). */
import { handleDiscovery } from "@/lib/oauth/discovery";

export const dynamic = "force-dynamic";

export function GET(request: Request): Response {
  return handleDiscovery(request);
}
