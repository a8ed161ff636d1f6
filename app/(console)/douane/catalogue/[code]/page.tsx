import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { AccountHistory } from "@/components/accounts/AccountHistory";
import { ApiFieldsEditor } from "@/components/douane/ApiFieldsEditor";
import { ApiSettingsForm } from "@/components/douane/ApiSettingsForm";
import { requireCustomsAgent } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/authorization";
import { getCatalogueApi } from "@/lib/habilitations/data";

export const metadata = { title: "Douane — API du catalogue" };

export default async function CatalogueApiPage({ params }: { params: Promise<{ code: string }> }) {
  const actor = await requireCustomsAgent();
  const { code } = await params;
  const api = await getCatalogueApi(actor, code).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  return (
    <>
      <PageHeader crumbs={[{ label: "Douane", href: "/douane" }, { label: "Catalogue des API", href: "/douane/catalogue" }, { label: api.name }]} title={`API ${api.name}`}>
        <p className="text-sm text-muted">
          Code {api.code} · API simulées servies sous /{api.pathPrefix}/… (code et chemin fixes).
        </p>
      </PageHeader>
      <section aria-labelledby="parametres">
        <h2 id="parametres" className="mb-3 text-xl font-bold">
          Paramètres
        </h2>
        <ApiSettingsForm
          code={api.code}
          defaults={{ name: api.name, description: api.description, contactEmail: api.contactEmail, urlDelayMinutes: Math.round(api.urlDelaySeconds / 60) }}
        />
      </section>
      <section aria-labelledby="champs" className="mt-8">
        <h2 id="champs" className="mb-3 text-xl font-bold">
          Données demandées aux opérateurs
        </h2>
        <ApiFieldsEditor code={api.code} apiName={api.name} fields={api.fields} />
      </section>
      <section aria-labelledby="historique" className="mt-8">
        <h2 id="historique" className="mb-3 text-xl font-bold">
          Historique
        </h2>
        <AccountHistory events={api.history} />
      </section>
    </>
  );
}
