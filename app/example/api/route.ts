/** GET /example/api: answers any valid access token (logic: lib/oauth/resource.ts). */
import { handleExampleApi } from "@/lib/oauth/resource";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return handleExampleApi(request);
}
