import { PageHeader } from "@/components/shell/Breadcrumb";
import { Alert } from "@/components/ui/Alert";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Certification" };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader crumbs={[{ label: "Certification" }]} title="Certification" />
      <Alert title="Bientôt disponible">Certifier ou décertifier le rattachement des comptes douane.gouv de vos collaborateurs à vos SIRET.</Alert>
    </>
  );
}
