/** The customs queue as CSV (« Exporter en CSV » on DOUANE), with the page's filters. */
import { toCsv } from "../csv";
import { formatDateTime } from "../format";
import type { Actor } from "../authorization";
import { exportRequestQueue, type QueueQuery } from "./data";
import { ITEM_DECISION_LABELS } from "./request-state";

export const QUEUE_CSV_HEADER = ["Reçue le", "SIRET", "Raison sociale", "Identifiant", "État", "API demandées", "Décisions", "Décidée le"] as const;

export async function queueCsv(actor: Actor, query: QueueQuery): Promise<string> {
  const rows = await exportRequestQueue(actor, query);
  return toCsv(
    QUEUE_CSV_HEADER,
    rows.map((r) => [
      formatDateTime(r.createdAt),
      r.siret,
      r.companyName,
      r.identifiant,
      r.statusLabel,
      r.items.map((i) => i.apiName).join(", "),
      r.items.map((i) => `${i.apiName} : ${ITEM_DECISION_LABELS[i.decision].toLowerCase()}${i.reason ? ` (motif : ${i.reason})` : ""}`).join(" ; "),
      r.decidedAt ? formatDateTime(r.decidedAt) : "",
    ]),
  );
}
