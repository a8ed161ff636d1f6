import { describe, expect, it } from "vitest";
import { csvCell, csvFilename, toCsv } from "@/lib/csv";

describe("CSV for French Excel", () => {
  it("starts with a BOM, separates with ; and ends rows with CRLF", () => {
    const csv = toCsv(["SIRET", "Identifiant"], [["12345678200010", "api-demo-1"]]);
    expect(csv).toBe("\uFEFFSIRET;Identifiant\r\n12345678200010;api-demo-1\r\n");
  });

  it("quotes cells with ; \" or line breaks, doubling quotes", () => {
    expect(csvCell('Transports "Exemple"; SAS')).toBe('"Transports ""Exemple""; SAS"');
    expect(csvCell("ligne 1\nligne 2")).toBe('"ligne 1\nligne 2"');
    expect(csvCell("Société à responsabilité")).toBe("Société à responsabilité");
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("never lets a cell be read as a formula (CSV injection)", () => {
    for (const attack of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx"]) expect(csvCell(attack).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell(-3)).toBe("-3"); // a number stays a number
  });

  it("names the file with the day in Paris", () => {
    expect(csvFilename("comptes-api", new Date("2026-12-01T23:30:00Z"))).toBe("comptes-api-2026-12-02.csv");
  });
});
