import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { AccountHistory } from "@/components/accounts/AccountHistory";
import { AccountInfo } from "@/components/accounts/AccountInfo";
import { CertificationPathSection } from "@/components/certification-path/CertificationPathSection";
import { ApiDataSection, RequestsSection } from "@/components/habilitations/HabilitationsSections";
import { CallbacksSection } from "@/components/callbacks/CallbacksSection";
import { StatusBadge } from "@/components/ui/StatusBadge";
import { StateLines } from "@/components/accounts/StateLines";
import { ButtonLink } from "@/components/ui/Button";
import { AccountSectionsNav, type AccountSection } from "@/components/accounts/AccountSectionsNav";
import { DeleteAccountSection } from "@/components/accounts/DeleteAccountSection";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError, canManageAccounts } from "@/lib/authorization";
import { getAccountDetail, getAccountHistory } from "@/lib/accounts/data";
import { getHabilitationsView } from "@/lib/habilitations/data";
import { getCallbacksView } from "@/lib/callbacks/data";
import { getCertificationPath } from "@/lib/certification-path/data";
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
  const habilitations = await load(getHabilitationsView(actor, id));
  const callbacks = await load(getCallbacksView(actor, id));
  const history = await load(getAccountHistory(actor, id));
  const path = await load(getCertificationPath(actor, id));
  const manage = canManageAccounts(actor);
  const showCallbacks = habilitations.apis.length > 0 || callbacks.attempts.length > 0 || callbacks.received.length > 0;
  const sections: AccountSection[] = [
    { id: "infos", label: "Informations" },
    { id: "apis", label: "API habilitées" },
    ...(showCallbacks ? [{ id: "appels-retours", label: "Appels retours" }] : []),
    { id: "demandes", label: "Demandes" },
    { id: "parcours", label: "Parcours" },
    { id: "historique", label: "Historique" },
    ...(manage ? [{ id: "suppression", label: "Suppression" }] : []),
  ];

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
        <StateLines lines={account.stateLines} />
        <p className="text-sm">
          <a href="#parcours" className="underline underline-offset-2 hover:text-marianne">
            Parcours de certification : {path.doneCount} étape{path.doneCount > 1 ? "s" : ""} sur {path.total}
          </a>
        </p>
      </PageHeader>
      <AccountSectionsNav sections={sections} />
      <AccountInfo account={account} manage={manage} />
      <ApiDataSection view={habilitations} callbacks={callbacks} />
      {showCallbacks ? <CallbacksSection view={callbacks} /> : null}
      <RequestsSection view={habilitations} siret={formatSiret(account.establishment.siret)} />
      <CertificationPathSection path={path} />
      <section aria-labelledby="historique" className="mt-8">
        <h2 id="historique" className="mb-3 text-xl font-bold">
          Historique
        </h2>
        <AccountHistory events={history} />
      </section>
      {manage && <DeleteAccountSection accountId={account.id} identifiant={account.identifiant} habilitations={habilitations.apis.map((a) => a.api.name)} />}
    </>
  );
}
