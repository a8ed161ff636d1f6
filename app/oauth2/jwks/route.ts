/** The simulator's JWKS, advertised as jwks_uri (logic: lib/oauth/discovery.ts). */
import { handleJwks } from "@/lib/oauth/discovery";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return handleJwks();
}
