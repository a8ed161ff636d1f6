import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/Breadcrumb";
import { CreateAccountForm } from "@/components/accounts/CreateAccountForm";
import { Alert } from "@/components/ui/Alert";
import { requireUser } from "@/lib/auth/session";
import { canManageAccounts } from "@/lib/authorization/policy";
import { listSiretOptions } from "@/lib/accounts/data";
import { formatSiret } from "@/lib/siret";

export const metadata = { title: "Création d'un compte API" };

export default async function NewAccountPage() {
  const actor = await requireUser();
  if (!canManageAccounts(actor)) notFound();
  const sirets = await listSiretOptions(actor);
  const free = sirets.filter((s) => !s.existingIdentifiant).length;
  return (
    <>
      <PageHeader crumbs={[{ label: "Comptes API", href: "/comptes-api" }, { label: "Création d'un compte API" }]} title="Création d'un compte API" />
      {sirets.length === 0 ? (
        <Alert tone="warning" title="Vous n'êtes habilité sur aucun SIRET">
          Un compte API est rattaché à un SIRET sur lequel vous êtes correspondant. Demandez à un correspondant de votre entreprise de
          vous nommer sur le SIRET voulu (menu ADMINISTRATION).
        </Alert>
      ) : (
        <>
          {free === 0 ? (
            <Alert tone="warning" title="Tous vos SIRET ont déjà un compte API">
              <p>
                Un SIRET ne peut avoir qu&apos;un seul compte API : la création n&apos;est pas possible. Modifiez le compte existant, ou
                supprimez-le depuis sa page pour libérer le SIRET.
              </p>
              <ul className="mt-2 list-disc pl-5">
                {sirets.map((s) => (
                  <li key={s.siret}>
                    <span className="font-mono tabular-nums">{formatSiret(s.siret)}</span> — {s.companyName} :{" "}
                    <Link href={`/comptes-api?q=${encodeURIComponent(s.existingIdentifiant ?? s.siret)}`} className="underline">
                      {s.existingIdentifiant}
                    </Link>
                  </li>
                ))}
              </ul>
            </Alert>
          ) : (
            <CreateAccountForm sirets={sirets} />
          )}
        </>
      )}
    </>
  );
}
