/** The accounts list as CSV (« Exporter en CSV »): the rows the reader sees, with the list's filters and order. */
import { toCsv } from "../csv";
import { formatDateTime } from "../format";
import { describeMissing } from "../habilitations/status";
import type { Actor } from "../authorization";
import { exportAccounts, type AccountListQuery } from "./data";

export const ACCOUNTS_CSV_HEADER = ["Statut", "Ce qui manque", "État", "SIRET", "Raison sociale", "Identifiant", "Email", "API habilitées", "Créé le", "Mot de passe"] as const;

export async function accountsCsv(actor: Actor, query: AccountListQuery): Promise<string> {
  const { rows } = await exportAccounts(actor, query);
  return toCsv(
    ACCOUNTS_CSV_HEADER,
    rows.map((r) => [
      r.status.label,
      describeMissing(r.status.missing).join(" ; "),
      r.stateLines.map((l) => l.text).join(" ; "),
      r.siret,
      r.companyName,
      r.identifiant,
      r.email,
      r.habilitations.join(", "),
      formatDateTime(r.createdAt),
      [r.password.age, r.password.renewal?.text].filter(Boolean).join(", "),
    ]),
  );
}
