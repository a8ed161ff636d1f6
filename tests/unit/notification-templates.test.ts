import { describe, expect, it } from "vitest";
import { escapeHtml, renderNotification, type AccountRef } from "@/lib/notifications/templates";

const account: AccountRef = { identifiant: "api-demo-1", siret: "12345678200010", companyName: "Transports <Exemple> SAS", link: "http://127.0.0.1:3000/comptes-api/abc" };
const at = new Date("2026-03-01T13:05:00.000Z");

describe("notification messages", () => {
  it("renders the decision in French, plain and HTML, with the refusal reason", () => {
    const m = renderNotification({
      kind: "REQUEST_DECIDED",
      account,
      decisions: [
        { api: "DeltaH7", decision: "APPROVED" },
        { api: "Gamma2", decision: "REFUSED", reason: "Pas de <script>entrepositaire agréé</script>" },
      ],
      stillPending: [],
      outcome: "Partiellement acceptée",
      at,
    });
    expect(m.subject).toBe("Décision de la douane sur la demande d'habilitation — api-demo-1");
    expect(m.text).toContain("DeltaH7 : habilitation accordée");
    expect(m.text).toContain("Gamma2 : habilitation refusée — motif : Pas de <script>entrepositaire agréé</script>");
    expect(m.text).toContain("1er mars 2026 à 14:05"); // Europe/Paris
    expect(m.html).toContain("&lt;script&gt;");
    expect(m.html).not.toContain("<script>");
    expect(m.html).toContain("Transports &lt;Exemple&gt; SAS");
    expect(m.html).toContain('<html lang="fr">');
  });

  it("announces a scheduled url change with its latest effective time and the customs contact", () => {
    const m = renderNotification({
      kind: "URL_CHANGE_SCHEDULED",
      account,
      api: "DeltaH7",
      field: "url",
      active: null,
      pending: "https://b.entreprise.fr/douane",
      effectiveAt: new Date("2026-03-01T17:05:00.000Z"),
      contactEmail: "deltah7.integration@douane.demo",
    });
    expect(m.subject).toBe("Changement d'url programmé — DeltaH7 — api-demo-1");
    expect(m.text).toContain("au plus tard le 1er mars 2026 à 18:05");
    expect(m.text).toContain("url active jusque-là : aucune");
    expect(m.text).toContain("deltah7.integration@douane.demo");
  });

  it("names both addresses when the email changes", () => {
    const m = renderNotification({ kind: "EMAIL_CHANGED", account, from: "old@a.fr", to: "new@a.fr", at });
    expect(m.text).toContain("ancienne adresse : old@a.fr");
    expect(m.text).toContain("nouvelle adresse : new@a.fr");
  });

  it("escapes every HTML special character", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
