import Link from "next/link";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { requireCustomsAgent } from "@/lib/auth/session";
import { listCatalogue } from "@/lib/habilitations/data";
import { formatDelay } from "@/lib/countdown";
import { DataTable } from "@/components/ui/DataTable";

export const metadata = { title: "Douane — catalogue des API" };

export default async function CataloguePage() {
  const actor = await requireCustomsAgent();
  const apis = await listCatalogue(actor);
  return (
    <>
      <PageHeader crumbs={[{ label: "Douane", href: "/douane" }, { label: "Catalogue des API" }]} title="Catalogue des API">
        <p className="max-w-3xl text-muted">
          Les API de l&apos;« EDI via API », les données que chacune demande aux opérateurs (au moins url et token) et le délai
          d&apos;activation d&apos;une nouvelle url.
        </p>
      </PageHeader>
      <DataTable
        caption="Catalogue des API"
        minWidth="min-w-[820px]"
        columns={["API", "Contact douanier", "Délai d'activation d'une url", "Champs (* obligatoire)", "Comptes habilités", "Action"]}
      >
        {apis.map((a) => (
          <tr key={a.code} className="border-t border-line align-top" data-testid={`catalogue-${a.code}`}>
            <td className="px-3 py-3">
              <span className="font-semibold">{a.name}</span>
              <span className="block text-xs text-muted">
                {a.code} · /{a.pathPrefix}
              </span>
              <span className="block text-xs">{a.description}</span>
            </td>
            <td className="px-3 py-3 break-all">{a.contactEmail}</td>
            <td className="px-3 py-3" data-testid="delay">
              {formatDelay(a.urlDelaySeconds)}
            </td>
            <td className="px-3 py-3">{a.fields.map((f) => `${f.label}${f.required ? " *" : ""}`).join(", ")}</td>
            <td className="px-3 py-3">{a.habilitatedAccounts}</td>
            <td className="px-3 py-3">
              <Link href={`/douane/catalogue/${a.code}`} className="font-semibold text-marianne underline">
                Modifier<span className="sr-only"> {a.name}</span>
              </Link>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
