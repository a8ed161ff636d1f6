import { Brand } from "@/components/shell/Brand";

/** The pages anyone may read, signed in or not (footer links): the brand block, no menu. */
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="border-b border-line bg-white">
        <div className="mx-auto max-w-7xl px-4 py-4">
          <Brand />
        </div>
      </header>
      <main id="contenu" tabIndex={-1} className="mx-auto max-w-3xl space-y-4 px-4 py-10">
        {children}
      </main>
    </>
  );
}
