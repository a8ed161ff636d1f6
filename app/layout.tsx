import type { Metadata } from "next";
import { headers } from "next/headers";
import "@codegouvfr/react-dsfr/dsfr/component/logo/logo.min.css";
import "./globals.css";
import { DemoClockBanner } from "@/components/demo-clock/DemoClockBanner";
import { Footer } from "@/components/shell/Footer";

export const metadata: Metadata = {
  title: { default: "Correspondant Entreprise — Comptes API douane", template: "%s — Correspondant Entreprise" },
  description: "Gestion des comptes API douane : création, habilitations, données par API et jetons OAuth 2.0.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request makes every page dynamic, so each one gets proxy.ts's fresh CSP nonce.
  await headers();
  return (
    <html lang="fr">
      <body className="min-h-screen bg-white antialiased">
        <DemoClockBanner />
        {children}
        <Footer />
      </body>
    </html>
  );
}
