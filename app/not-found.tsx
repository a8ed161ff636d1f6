import { Header } from "@/components/shell/Header";
import { NotFoundContent } from "@/components/shell/NotFoundContent";
import { getCurrentUser } from "@/lib/auth/session";

/** An address that matches no page: inside the shell for a signed-in person, alone otherwise. */
export default async function NotFound() {
  const actor = await getCurrentUser();
  return (
    <>
      {actor && <Header actor={actor} />}
      <main id="contenu" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8">
        <NotFoundContent />
      </main>
    </>
  );
}
