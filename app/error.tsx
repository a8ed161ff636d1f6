"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main id="contenu" className="mx-auto max-w-3xl px-4 py-16">
      <h1 className="text-3xl font-bold">Une erreur est survenue</h1>
      <p className="mt-4">L&apos;opération n&apos;a pas pu aboutir. Aucune donnée saisie n&apos;a été enregistrée partiellement ; réessayez.</p>
      <button type="button" onClick={reset} className="mt-6 rounded bg-marianne px-4 py-2 font-semibold text-white hover:bg-marianne-hover">
        Réessayer
      </button>
    </main>
  );
}
