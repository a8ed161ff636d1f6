/** The simulator's token endpoint (logic: lib/oauth/token-endpoint.ts). */
import { handleTokenRequest, tokenEndpointWrongMethod } from "@/lib/oauth/token-endpoint";

export const dynamic = "force-dynamic";

export function POST(request: Request): Promise<Response> {
  return handleTokenRequest(request);
}

export { tokenEndpointWrongMethod as GET, tokenEndpointWrongMethod as PUT, tokenEndpointWrongMethod as PATCH, tokenEndpointWrongMethod as DELETE };
