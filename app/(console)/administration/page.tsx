import { PageHeader } from "@/components/shell/Breadcrumb";
import { Alert } from "@/components/ui/Alert";
import { requireUser } from "@/lib/auth/session";

export const metadata = { title: "Administration" };

export default async function Page() {
  await requireUser();
  return (
    <>
      <PageHeader crumbs={[{ label: "Administration" }]} title="Administration" />
      <Alert title="Bientôt disponible">Consulter et nommer les correspondants de chacun de vos SIRET.</Alert>
    </>
  );
}
