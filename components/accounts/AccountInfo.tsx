import type { AccountDetail } from "@/lib/accounts/data";
import { formatDateTime } from "@/lib/format";
import { formatSiret } from "@/lib/siret";
import { ChangeEmailForm } from "./ChangeEmailForm";
import { ChangePasswordForm } from "./ChangePasswordForm";
import { CopyButton } from "@/components/ui/CopyButton";

/** "Modifiez les infos de ce compte": SIRET, identifiant, email, password (masked), with the change forms. */
export function AccountInfo({ account, manage }: { account: AccountDetail; manage: boolean }) {
  return (
    <section aria-labelledby="infos" className="border border-line p-5">
      <h2 id="infos" className="text-xl font-bold">
        {manage ? "Modifiez les infos de ce compte" : "Informations du compte"}
      </h2>
      <dl className="mt-4 grid gap-x-8 gap-y-3 sm:grid-cols-[12rem_1fr]">
        <dt className="font-medium text-muted">Siret</dt>
        <dd>
          <span className="font-mono tabular-nums">{formatSiret(account.establishment.siret)}</span> — {account.establishment.company.name}
          {account.establishment.city ? ` (${account.establishment.city})` : ""}
        </dd>
        <dt className="font-medium text-muted">Identifiant</dt>
        <dd className="flex flex-wrap items-center gap-2 font-medium">
          {account.identifiant}
          <CopyButton value={account.identifiant} label="l'identifiant" />
        </dd>
        <dt className="font-medium text-muted">Email</dt>
        <dd className="break-all" data-testid="account-email">
          {account.email}
        </dd>
        <dt className="font-medium text-muted">Mot de passe</dt>
        <dd>
          <span aria-label="Mot de passe masqué">••••••••••••</span>
          <span className="ml-3 text-sm text-muted" data-testid="password-age">
            {account.password.age} (le {formatDateTime(account.passwordChangedAt)})
          </span>
          {account.password.renewal && (
            <span className={`mt-1 block text-sm ${account.password.renewal.toRenew ? "font-semibold text-jaune" : "text-muted"}`} data-testid="password-renewal">
              Mot de passe {account.password.renewal.text}
            </span>
          )}
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
  );
}
