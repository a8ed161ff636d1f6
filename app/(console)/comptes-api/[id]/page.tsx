import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { AccountHistory } from "@/components/accounts/AccountHistory";
import { ChangeEmailForm } from "@/components/accounts/ChangeEmailForm";
import { ChangePasswordForm } from "@/components/accounts/ChangePasswordForm";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { ButtonLink } from "@/components/ui/Button";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError, canManageAccounts } from "@/lib/authorization";
import { getAccountDetail, getAccountHistory } from "@/lib/accounts/data";
import { formatDateTime } from "@/lib/format";
import { formatSiret } from "@/lib/siret";

export const metadata = { title: "Compte API" };

async function load<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireUser();
  const { id } = await params;
  const account = await load(getAccountDetail(actor, id));
  const history = await load(getAccountHistory(actor, id));
  const manage = canManageAccounts(actor);

  return (
    <>
      <PageHeader
        crumbs={[{ label: "Comptes API", href: "/comptes-api" }, { label: account.identifiant }]}
        title={`Compte API ${account.identifiant}`}
        actions={
          <ButtonLink variant="secondary" href={`/outils/testeur-jeton?compte=${encodeURIComponent(account.id)}`}>
            Tester l&apos;obtention d&apos;un jeton
          </ButtonLink>
        }
      >
        <StatusBadge status={account.status} showMissing />
      </PageHeader>

      <section aria-labelledby="infos" className="border border-line p-5">
        <h2 id="infos" className="text-xl font-bold">
          Modifiez les infos de ce compte
        </h2>
        <dl className="mt-4 grid gap-x-8 gap-y-3 sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium text-muted">Siret</dt>
          <dd>
            <span className="font-mono tabular-nums">{formatSiret(account.establishment.siret)}</span> —{" "}
            {account.establishment.company.name}
            {account.establishment.city ? ` (${account.establishment.city})` : ""}
          </dd>
          <dt className="font-medium text-muted">Identifiant</dt>
          <dd className="font-medium">{account.identifiant}</dd>
          <dt className="font-medium text-muted">Email</dt>
          <dd className="break-all" data-testid="account-email">
            {account.email}
          </dd>
          <dt className="font-medium text-muted">Mot de passe</dt>
          <dd>
            <span aria-label="Mot de passe masqué">••••••••••••</span>
            <span className="ml-3 text-sm text-muted">modifié le {formatDateTime(account.passwordChangedAt)}</span>
          </dd>
          <dt className="font-medium text-muted">Créé le</dt>
          <dd>{formatDateTime(account.createdAt)}</dd>
        </dl>
        {manage && (
          <div className="mt-6 grid gap-4 lg:grid-cols-2">
            <ChangeEmailForm accountId={account.id} currentEmail={account.email} />
            <ChangePasswordForm accountId={account.id} identifiant={account.identifiant} />
          </div>
        )}
      </section>

      <section aria-labelledby="apis" className="mt-8">
        <h2 id="apis" className="text-xl font-bold">
          API habilitées
        </h2>
        {account.habilitations.length === 0 ? (
          <p className="mt-3 text-muted">
            Ce compte n&apos;est habilité sur aucune API pour le moment. Une fois la demande d&apos;habilitation acceptée par la
            douane, chaque API habilitée apparaîtra ici avec ses données (url, token).
          </p>
        ) : (
          <ul className="mt-3 list-disc pl-6">
            {account.habilitations.map((h) => (
              <li key={h.apiId}>{h.api.name}</li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="historique" className="mt-8">
        <h2 id="historique" className="mb-3 text-xl font-bold">
          Historique
        </h2>
        <AccountHistory events={history} />
      </section>
    </>
  );
}
