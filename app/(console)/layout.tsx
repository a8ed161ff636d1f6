import { Header } from "@/components/shell/Header";
import { LiveRefreshLoader } from "@/components/live/LiveRefreshLoader";
import { requireUser } from "@/lib/auth/session";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireUser();
  return (
    <>
      <Header actor={actor} />
      <LiveRefreshLoader />
      <main id="contenu" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
