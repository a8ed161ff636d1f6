import { PageHeader } from "@/components/shell/Breadcrumb";
import { CertificationBoard } from "@/components/certification/CertificationBoard";
import { Alert } from "@/components/ui/Alert";
import { requireUser } from "@/lib/auth/session";
import { canManageCompanyPeople } from "@/lib/authorization/policy";
import { listAttachmentRequests } from "@/lib/certification/data";

export const metadata = { title: "Certification" };

export default async function CertificationPage() {
  const actor = await requireUser();
  const rows = await listAttachmentRequests(actor);
  return (
    <>
      <PageHeader crumbs={[{ label: "Certification" }]} title="Certification des rattachements">
        <p className="max-w-3xl text-muted">
          Vos collaborateurs demandent le rattachement de leur compte douane.gouv à l&apos;un de vos SIRET. Certifiez
          (confirmez officiellement) ou décertifiez (rejetez) chaque rattachement.
        </p>
      </PageHeader>
      {canManageCompanyPeople(actor) ? (
        <CertificationBoard rows={rows} />
      ) : (
        <Alert title="Réservé aux correspondants entreprise">La certification des rattachements est faite par les correspondants de chaque SIRET.</Alert>
      )}
    </>
  );
}
