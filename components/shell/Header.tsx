import { canManageCompanyPeople, canReadMessages, canUseCustomsDesk, canUseTokenTester, canUseTrainerArea, type Actor } from "@/lib/authorization/policy";
import { pendingRequestCount } from "@/lib/habilitations/data";
import { unreadMessageCount } from "@/lib/notifications/reads";
import { NavLinks, type NavItem } from "./NavLinks";
import { MobileMenu } from "./MobileMenu";
import { Brand } from "./Brand";
import { SignOutButton } from "./SignOutButton";

const ROLE_LABELS: Record<Actor["role"], string> = {
  CORRESPONDENT: "Correspondant entreprise",
  CUSTOMS_AGENT: "Service de certification (douane)",
  TRAINER: "Formateur",
  COLLABORATOR: "Collaborateur",
};

/**
 * The portal's menus (CERTIFICATION · ADMINISTRATION · COMPTES API · Aide) — the first two for those
 * who can use them (correspondents) — plus what the role opens; DOUANE shows the pending requests.
 */
export function navItemsFor(actor: Actor, pending = 0, unread = 0): NavItem[] {
  const items: NavItem[] = [];
  if (canManageCompanyPeople(actor)) {
    items.push({ href: "/certification", label: "CERTIFICATION" }, { href: "/administration", label: "ADMINISTRATION" });
  }
  items.push({ href: "/comptes-api", label: "COMPTES API" });
  if (canUseTokenTester(actor)) items.push({ href: "/outils/testeur-jeton", label: "Testeur de jeton" });
  if (canReadMessages(actor)) {
    items.push({
      href: "/messages",
      label: "Messages",
      count: unread > 0 ? { value: unread, label: `${unread} message${unread > 1 ? "s" : ""} non lu${unread > 1 ? "s" : ""}` } : undefined,
    });
  }
  if (canUseCustomsDesk(actor)) {
    items.push({
      href: "/douane",
      label: "DOUANE",
      count: pending > 0 ? { value: pending, label: `${pending} demande${pending > 1 ? "s" : ""} en attente` } : undefined,
    });
  }
  if (canUseTrainerArea(actor)) items.push({ href: "/formation", label: "FORMATION" });
  items.push({ href: "/aide", label: "Aide" });
  return items;
}

export async function Header({ actor }: { actor: Actor }) {
  const [pending, unread] = await Promise.all([pendingRequestCount(actor), canReadMessages(actor) ? unreadMessageCount(actor) : 0]);
  return (
    <header className="no-print border-b border-line bg-white">
      <a href="#contenu" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
        Aller au contenu
      </a>
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-4">
        <Brand />
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            <span className="font-semibold">{actor.name}</span>
            <span className="block text-xs text-muted">
              {ROLE_LABELS[actor.role]} · {actor.email}
            </span>
          </span>
          <SignOutButton />
        </div>
      </div>
      <nav aria-label="Menu principal" className="mx-auto max-w-7xl px-2">
        <MobileMenu>
          <NavLinks items={navItemsFor(actor, pending, unread)} />
        </MobileMenu>
      </nav>
    </header>
  );
}
