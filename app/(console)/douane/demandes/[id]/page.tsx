import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { DecisionPanel } from "@/components/douane/DecisionForm";
import { DecisionLabel, RequestStatusBadge } from "@/components/habilitations/Badges";
import { RevokeHabilitationButton } from "@/components/habilitations/RevokeHabilitationButton";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { requireCustomsAgent } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/authorization";
import { getDeskRequest } from "@/lib/habilitations/data";
import { getCallbacksView } from "@/lib/callbacks/data";
import { CallbacksSection } from "@/components/callbacks/CallbacksSection";
import { formatSiret } from "@/lib/siret";

export const metadata = { title: "Douane — demande d'habilitation" };

export default async function DeskRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireCustomsAgent();
  const { id } = await params;
  const request = await getDeskRequest(actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const pendingItems = request.items.filter((i) => i.decision === "PENDING");
  const decidedItems = request.items.filter((i) => i.decision !== "PENDING");
  const account = request.account;
  const callbacks = await getCallbacksView(actor, account.id);

  return (
    <>
      <PageHeader crumbs={[{ label: "Douane", href: "/douane" }, { label: `Demande de ${request.identifiant}` }]} title={`Demande d'habilitation — ${request.identifiant}`}>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <RequestStatusBadge status={request.status} />
          <span className="text-muted">
            Reçue le {request.createdAtLabel}
            {request.author && ` de ${request.author.name} (${request.author.email})`}
          </span>
        </div>
      </PageHeader>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="etablissement" className="border border-line p-5">
          <h2 id="etablissement" className="text-xl font-bold">
            Établissement
          </h2>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2">
            <dt className="text-muted">SIRET</dt>
            <dd className="font-mono tabular-nums">{formatSiret(request.siret)}</dd>
            <dt className="text-muted">Entreprise</dt>
            <dd>
              {account.companyName} (SIREN {account.siren})
            </dd>
            <dt className="text-muted">Ville</dt>
            <dd>{account.city ?? "—"}</dd>
          </dl>
        </section>
        <section aria-labelledby="compte" className="border border-line p-5">
          <h2 id="compte" className="text-xl font-bold">
            Compte API
          </h2>
          <dl className="mt-3 grid grid-cols-[8rem_1fr] gap-y-2">
            <dt className="text-muted">Identifiant</dt>
            <dd>
              <Link href={`/comptes-api/${account.id}`} className="font-semibold text-marianne underline">
                {account.identifiant}
              </Link>
            </dd>
            <dt className="text-muted">Email</dt>
            <dd className="break-all">{account.email}</dd>
            <dt className="text-muted">Créé le</dt>
            <dd>{account.createdAtLabel}</dd>
            <dt className="text-muted">Statut</dt>
            <dd>
              <StatusBadge status={account.status} showMissing />
            </dd>
          </dl>
          <h3 className="mt-4 font-semibold">Habilitations en cours</h3>
          {account.habilitations.length === 0 ? (
            <p className="text-sm text-muted">Aucune.</p>
          ) : (
            <ul className="mt-2 space-y-2">
              {account.habilitations.map((h) => (
                <li key={h.id} className="flex flex-wrap items-center gap-3 text-sm">
                  <span>
                    <strong>{h.apiName}</strong> — accordée le {h.grantedAtLabel}
                  </span>
                  {request.can.revoke && <RevokeHabilitationButton habilitationId={h.id} apiName={h.apiName} identifiant={account.identifiant} />}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="demande" className="mt-8">
        <h2 id="demande" className="text-xl font-bold">
          API demandées
        </h2>
        {request.message && <p className="mt-2">Message du correspondant : « {request.message} »</p>}
        {decidedItems.length > 0 && (
          <ul className="mt-3 space-y-2">
            {decidedItems.map((i) => (
              <li key={i.id}>
                <strong>{i.apiName}</strong> : <DecisionLabel decision={i.decision} />
                {i.decidedAtLabel && <span className="text-muted"> le {i.decidedAtLabel}</span>}
                {i.decidedBy && <span className="text-muted"> par {i.decidedBy}</span>}
                {i.reason && <span className="block text-sm">Motif : {i.reason}</span>}
              </li>
            ))}
          </ul>
        )}
        <div className="mt-4">
          <DecisionPanel
            requestId={request.id}
            identifiant={request.identifiant}
            canDecide={request.can.decide}
            items={pendingItems.map((i) => ({ id: i.id, apiName: i.apiName, apiDescription: i.apiDescription }))}
          />
        </div>
      </section>

      {callbacks.targets.length > 0 || callbacks.attempts.length > 0 ? <CallbacksSection view={callbacks} withTargets /> : null}
    </>
  );
}
