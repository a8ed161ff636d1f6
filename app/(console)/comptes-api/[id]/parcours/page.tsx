import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/shell/Breadcrumb";
import { PathProgress } from "@/components/certification-path/PathProgress";
import { PathSteps } from "@/components/certification-path/PathSteps";
import { PrintButton } from "@/components/certification-path/PrintButton";
import { ButtonLink } from "@/components/ui/Button";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/authorization";
import { getCertificationPath } from "@/lib/certification-path/data";
import { clockOffsetMs } from "@/lib/clock";
import { describeOffset } from "@/lib/demo-clock/rules";
import { formatDateTime } from "@/lib/format";
import { formatSiret } from "@/lib/siret";

export const metadata = { title: "Parcours de certification" };

/** The certification path as a document: the browser's print to PDF gives a clean report (no menus, no buttons). */
export default async function CertificationReportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser();
  const { id } = await params;
  let path;
  try {
    path = await getCertificationPath(actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { account } = path;
  const offset = clockOffsetMs();
  return (
    <article className="mx-auto max-w-4xl print:max-w-none" aria-labelledby="rapport-titre">
      <div className="no-print mb-6 space-y-4">
        <Breadcrumb
          items={[
            { label: "Comptes API", href: "/comptes-api" },
            { label: account.identifiant, href: `/comptes-api/${account.id}` },
            { label: "Parcours de certification" },
          ]}
        />
        <div className="flex flex-wrap gap-3">
          <PrintButton />
          <ButtonLink variant="secondary" href={`/comptes-api/${account.id}`}>
            Retour au compte
          </ButtonLink>
        </div>
      </div>

      <header className="border-b-2 border-ink pb-4">
        <p className="text-xs uppercase tracking-widest text-muted">douane.gouv.fr — Correspondant Entreprise</p>
        <h1 id="rapport-titre" className="mt-1 text-2xl font-bold">
          Parcours de certification — compte API {account.identifiant}
        </h1>
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-muted">Entreprise</dt>
          <dd>
            {account.companyName}
            {account.city ? ` (${account.city})` : ""}
          </dd>
          <dt className="font-medium text-muted">SIRET</dt>
          <dd className="font-mono tabular-nums">{formatSiret(account.siret)}</dd>
          <dt className="font-medium text-muted">Identifiant</dt>
          <dd>{account.identifiant}</dd>
          <dt className="font-medium text-muted">Email du compte</dt>
          <dd className="break-all">{account.email}</dd>
          <dt className="font-medium text-muted">Statut d&apos;habilitation</dt>
          <dd>{account.status.label}</dd>
          <dt className="font-medium text-muted">Rapport établi le</dt>
          <dd data-testid="report-generated-at">
            {formatDateTime(path.generatedAt)} (heure de Paris)
            {offset !== 0 && <> — heure de démonstration, {describeOffset(offset)} sur l&apos;heure réelle</>}
          </dd>
        </dl>
      </header>

      <section aria-labelledby="rapport-etapes" className="mt-5">
        <h2 id="rapport-etapes" className="mb-2 text-lg font-bold">
          Étapes du guide « Accès aux API Douane »
        </h2>
        <PathProgress done={path.doneCount} total={path.total} id="rapport-progression" />
        <div className="mt-4">
          <PathSteps steps={path.steps} nextKey={path.nextKey} printable />
        </div>
      </section>
      <p className="mt-6 border-t border-line pt-3 text-xs text-muted">
        Chaque étape est cochée d&apos;après les données de la console : demandes et décisions d&apos;habilitation, données des API,
        url en vigueur, historique du testeur de jeton, appels retours de test.
      </p>
    </article>
  );
}
