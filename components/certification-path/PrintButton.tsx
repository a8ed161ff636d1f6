"use client";
import { Button } from "@/components/ui/Button";

/** Opens the browser's print dialog (print to PDF gives the report as a document). */
export function PrintButton() {
  return (
    <Button onClick={() => window.print()} className="no-print">
      Imprimer ou enregistrer en PDF
    </Button>
  );
}
