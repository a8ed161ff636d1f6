import type { Metadata } from "next";
import "./globals.css";
import { DemoClockBanner } from "@/components/demo-clock/DemoClockBanner";

export const metadata: Metadata = {
  title: { default: "Correspondant Entreprise — Comptes API douane", template: "%s — Correspondant Entreprise" },
  description: "Gestion des comptes API douane : création, habilitations, données par API et jetons OAuth 2.0.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="fr">
      <body className="min-h-screen bg-white antialiased">
        <DemoClockBanner />
        {children}
      </body>
    </html>
  );
}
