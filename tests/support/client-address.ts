/**
 * In-process requests "from" a client address: what the HTTP edge (server.ts) would have handed
 * to the app. Marks the edge as running in this process, as server.ts does.
 */
import { CLIENT_ADDRESS_HEADER, markEdgeRunning } from "@/lib/net/client-address";

export function fromAddress(address: string): Record<string, string> {
  markEdgeRunning();
  return { [CLIENT_ADDRESS_HEADER]: address };
}
