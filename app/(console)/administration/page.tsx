import { PageHeader } from "@/components/shell/Breadcrumb";
import { CorrespondentsPanel } from "@/components/administration/CorrespondentsPanel";
import { Alert } from "@/components/ui/Alert";
import { requireUser } from "@/lib/auth/session";
import { canManageCompanyPeople } from "@/lib/authorization/policy";
import { listSiretCorrespondents } from "@/lib/administration/data";

export const metadata = { title: "Administration" };

export default async function AdministrationPage() {
  const actor = await requireUser();
  const items = await listSiretCorrespondents(actor);
  return (
    <>
      <PageHeader crumbs={[{ label: "Administration" }]} title="Correspondants de vos SIRET">
        <p className="max-w-3xl text-muted">
          Les correspondants d&apos;un SIRET gèrent ses comptes API et certifient les rattachements. Vous pouvez nommer un
          collaborateur certifié ou le correspondant d&apos;un autre établissement de l&apos;entreprise, ou retirer un correspondant
          (jamais le dernier).
        </p>
      </PageHeader>
      {!canManageCompanyPeople(actor) ? (
        <Alert title="Réservé aux correspondants entreprise">Les correspondants sont gérés par les correspondants de chaque SIRET.</Alert>
      ) : items.length === 0 ? (
        <Alert title="Vous n'êtes correspondant d'aucun SIRET">Demandez à un correspondant de votre entreprise de vous nommer.</Alert>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          {items.map((item) => (
            <CorrespondentsPanel key={item.siret} item={item} />
          ))}
        </div>
      )}
    </>
  );
}
