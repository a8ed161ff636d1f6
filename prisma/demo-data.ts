/**
 * The demo data set (issue 1/6 §8): deterministic and idempotent — running it twice leaves the
 * same rows. Shared by `npm run db:seed`, the run command and the tests.
 */
import type { PrismaClient } from "../generated/prisma/client";
import { hashPassword, verifyPassword } from "../lib/auth/password";
import { refreshAccountStatus } from "../lib/habilitations/account-status";
import { endUserSessions } from "../lib/auth/sessions";

export const DEMO_PASSWORD = "Demo-Console-2026!";
export const DEMO_API_PASSWORD = "Demo-Api-2026!x";

export const DEMO_COMPANIES = [
  { siren: "123456782", name: "Transports Exemple SAS", establishments: [{ siret: "12345678200010", city: "Le Havre" }] },
  { siren: "987654324", name: "Logistique Démo SARL", establishments: [{ siret: "98765432400019", city: "Lyon" }] },
  { siren: "555555556", name: "Import Export Atlantique", establishments: [{ siret: "55555555600011", city: "Nantes" }] },
  { siren: "314159260", name: "Autre Entreprise SA", establishments: [{ siret: "31415926000012", city: "Marseille" }] },
] as const;

export const DEMO_USERS = [
  { email: "correspondant@demo.fr", name: "Claire Martin", role: "CORRESPONDENT", sirets: ["12345678200010", "98765432400019", "55555555600011"] },
  { email: "autre@demo.fr", name: "Paul Durand", role: "CORRESPONDENT", sirets: ["31415926000012"] },
  { email: "agent@douane.demo", name: "Agent de certification", role: "CUSTOMS_AGENT", sirets: [] },
  { email: "formateur@demo.fr", name: "Formateur Démo", role: "TRAINER", sirets: [] },
] as const;

/** Collaborators' douane.gouv accounts asking to be attached to a SIRET (CERTIFICATION tab). */
export const DEMO_COLLABORATORS = [
  { email: "julie.bernard@transports-exemple.fr", name: "Julie Bernard", siret: "12345678200010", status: "PENDING", message: "J'ai rejoint le service transit du Havre." },
  { email: "marc.petit@logistique-demo.fr", name: "Marc Petit", siret: "98765432400019", status: "PENDING", message: null },
  { email: "sophie.leroy@transports-exemple.fr", name: "Sophie Leroy", siret: "12345678200010", status: "CERTIFIED", message: null },
  { email: "nicolas.moreau@autre-entreprise.fr", name: "Nicolas Moreau", siret: "31415926000012", status: "PENDING", message: null },
] as const;

export const DEMO_API_ACCOUNTS = [
  { identifiant: "api-demo-1", email: "api-demo-1@transports-exemple.fr", siret: "12345678200010" },
] as const;

type CatalogueField = { key: string; label: string; kind: "URL" | "SECRET" | "TEXT" | "EMAIL"; required: boolean; help: string };

const URL_FIELD: CatalogueField = {
  key: "url",
  label: "url",
  kind: "URL",
  required: true,
  help: "Adresse de base commune des points d'accès de votre système qui reçoivent les appels retours de la douane (https).",
};
const TOKEN_FIELD: CatalogueField = {
  key: "token",
  label: "token",
  kind: "SECRET",
  required: true,
  help: "Jeton que la douane présente à votre système quand elle l'appelle. Conservé chiffré.",
};

/**
 * The API catalogue of the "EDI via API" (issue 2/6 §1). Codes and path prefixes are fixed: the
 * simulated APIs are served at /<pathPrefix>/…. Delays: DeltaH7 4 h and Gamma2 15 min, the two
 * readings of the guide. PNTS shows that an API can need more than url and token.
 */
export const DEMO_APIS: ReadonlyArray<{
  code: string;
  name: string;
  description: string;
  contactEmail: string;
  pathPrefix: string;
  urlDelaySeconds: number;
  position: number;
  fields: readonly CatalogueField[];
}> = [
  {
    code: "DELTA_H7",
    name: "DeltaH7",
    description: "Dédouanement des envois de faible valeur du commerce électronique (jeu de données H7).",
    contactEmail: "deltah7.integration@douane.demo",
    pathPrefix: "dh7",
    urlDelaySeconds: 4 * 60 * 60,
    position: 1,
    fields: [URL_FIELD, TOKEN_FIELD],
  },
  {
    code: "GAMMA2",
    name: "Gamma2",
    description: "Circulation des produits soumis à accises sous suspension de droits (documents d'accompagnement électroniques).",
    contactEmail: "gamma2.integration@douane.demo",
    pathPrefix: "gamma2",
    urlDelaySeconds: 15 * 60,
    position: 2,
    fields: [URL_FIELD, TOKEN_FIELD],
  },
  {
    code: "DELTA_IE",
    name: "DeltaIE",
    description: "Déclarations en douane à l'importation et à l'exportation.",
    contactEmail: "deltaie.integration@douane.demo",
    pathPrefix: "deltaie",
    urlDelaySeconds: 4 * 60 * 60,
    position: 3,
    fields: [URL_FIELD, TOKEN_FIELD],
  },
  {
    code: "PNTS",
    name: "PNTS",
    description: "API PNTS de l'EDI via API : échanges avec la douane et appels retours vers le système de l'opérateur.",
    contactEmail: "pnts.integration@douane.demo",
    pathPrefix: "pnts",
    urlDelaySeconds: 15 * 60,
    position: 4,
    fields: [
      URL_FIELD,
      TOKEN_FIELD,
      {
        key: "contactTechnique",
        label: "Email du contact technique",
        kind: "EMAIL",
        required: true,
        help: "Adresse que la douane prévient en cas d'incident sur les appels retours de cette API.",
      },
    ],
  },
];

/** The logins printed by the run command and listed in the README. */
export function demoLogins(): string[] {
  return [
    ...DEMO_USERS.map((u) => `${u.email.padEnd(24)} ${DEMO_PASSWORD}   (${roleLabel(u.role)})`),
    ...DEMO_API_ACCOUNTS.map((a) => `${a.identifiant.padEnd(24)} ${DEMO_API_PASSWORD}      (compte API, SIRET ${a.siret})`),
  ];
}

function roleLabel(role: string): string {
  return { CORRESPONDENT: "correspondant entreprise", CUSTOMS_AGENT: "agent des douanes", TRAINER: "formateur" }[role] ?? role;
}

/** The fixed instant of the default demo data (scenarios use instants relative to the console's clock). */
export const DEMO_EPOCH = new Date("2026-01-05T09:00:00.000Z");

/** Email (lower case) → user id to reuse, so that a reload keeps the signed-in people signed in. */
export type UserIds = ReadonlyMap<string, string>;

/** Building block: the API catalogue (upserts on `code`: idempotent). */
export async function seedCatalogue(prisma: PrismaClient, at = DEMO_EPOCH): Promise<void> {
  for (const a of DEMO_APIS) {
    const data = {
      name: a.name,
      description: a.description,
      contactEmail: a.contactEmail,
      pathPrefix: a.pathPrefix,
      urlDelaySeconds: a.urlDelaySeconds,
      position: a.position,
    };
    const api = await prisma.api.upsert({ where: { code: a.code }, update: data, create: { code: a.code, ...data, createdAt: at } });
    for (const [index, f] of a.fields.entries()) {
      const field = { label: f.label, kind: f.kind, required: f.required, help: f.help, position: index + 1 };
      await prisma.apiField.upsert({
        where: { apiId_key: { apiId: api.id, key: f.key } },
        update: field,
        create: { apiId: api.id, key: f.key, ...field },
      });
    }
  }
}

/**
 * The argon2id hash of a demo password for one person or account: each its own salt (a hash is
 * never shared), computed once per process and name (reloads and tests reuse it: hashing is slow).
 */
const demoHashes = new Map<string, Promise<string>>();
export function demoHash(name: string, password: string): Promise<string> {
  const key = `${name.toLowerCase()}\u0000${password}`;
  let hash = demoHashes.get(key);
  if (!hash) {
    hash = hashPassword(password);
    demoHashes.set(key, hash);
  }
  return hash;
}

/** Upserts a demo person; a stored password that is no longer the demo one is reset, and their sessions end. */
async function upsertDemoPerson(
  prisma: PrismaClient,
  person: { email: string; name: string; role: "CORRESPONDENT" | "CUSTOMS_AGENT" | "TRAINER" | "COLLABORATOR"; id?: string; at: Date },
) {
  const existing = await prisma.user.findUnique({ where: { email: person.email }, select: { id: true, passwordHash: true } });
  if (!existing) {
    return prisma.user.create({
      data: { id: person.id, email: person.email, name: person.name, role: person.role, passwordHash: await demoHash(person.email, DEMO_PASSWORD), createdAt: person.at },
    });
  }
  const keep = await verifyPassword(existing.passwordHash, DEMO_PASSWORD);
  const user = await prisma.user.update({
    where: { id: existing.id },
    data: { name: person.name, role: person.role, ...(keep ? {} : { passwordHash: await demoHash(person.email, DEMO_PASSWORD) }) },
  });
  if (!keep) await endUserSessions(prisma, existing.id, "PASSWORD_CHANGED");
  return user;
}

/**
 * Building block: the demo people — companies and their SIRETs, the demo users with their SIRET
 * scopes, the collaborators with their attachment requests (upserts: idempotent). `userIds`
 * gives the id a user gets when created (a scenario reload keeps everyone's session valid).
 */
export async function seedPeople(prisma: PrismaClient, options: { at?: Date; userIds?: UserIds } = {}): Promise<void> {
  const at = options.at ?? DEMO_EPOCH;
  const idOf = (email: string) => options.userIds?.get(email.toLowerCase());

  for (const c of DEMO_COMPANIES) {
    const company = await prisma.company.upsert({
      where: { siren: c.siren },
      update: { name: c.name },
      create: { siren: c.siren, name: c.name, createdAt: at },
    });
    for (const e of c.establishments) {
      await prisma.establishment.upsert({
        where: { siret: e.siret },
        update: { companyId: company.id, city: e.city },
        create: { siret: e.siret, city: e.city, companyId: company.id, createdAt: at },
      });
    }
  }

  for (const u of DEMO_USERS) {
    const user = await upsertDemoPerson(prisma, { email: u.email, name: u.name, role: u.role, id: idOf(u.email), at });
    for (const siret of u.sirets) {
      const establishment = await prisma.establishment.findUniqueOrThrow({ where: { siret } });
      await prisma.correspondentScope.upsert({
        where: { userId_establishmentId: { userId: user.id, establishmentId: establishment.id } },
        update: {},
        create: { userId: user.id, establishmentId: establishment.id, createdAt: at },
      });
    }
  }

  for (const c of DEMO_COLLABORATORS) {
    const user = await upsertDemoPerson(prisma, { email: c.email, name: c.name, role: "COLLABORATOR", id: idOf(c.email), at });
    const establishment = await prisma.establishment.findUniqueOrThrow({ where: { siret: c.siret } });
    const decided = c.status === "PENDING" ? null : at;
    await prisma.attachmentRequest.upsert({
      where: { userId_establishmentId: { userId: user.id, establishmentId: establishment.id } },
      update: { status: c.status, message: c.message, decidedAt: decided, decidedById: null },
      create: { userId: user.id, establishmentId: establishment.id, status: c.status, message: c.message, createdAt: at, decidedAt: decided },
    });
  }
}

/** The ids of the demo people present in the database (before a wipe), by lower-case email. */
export async function currentUserIds(prisma: PrismaClient): Promise<UserIds> {
  const emails = [...DEMO_USERS, ...DEMO_COLLABORATORS].map((u) => u.email);
  const rows = await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

/** Keeps every account's statusLevel true (the catalogue may have changed the required fields). */
export async function refreshAllStatuses(prisma: PrismaClient): Promise<void> {
  for (const account of await prisma.apiAccount.findMany({ select: { id: true } })) {
    await refreshAccountStatus(prisma, account.id);
  }
}

/**
 * The default demo data (`npm run db:seed`, the run command, the tests, the scenario
 * "Données de démonstration"): the catalogue, the people, and `api-demo-1` (red: no habilitation).
 */
export async function seedDemo(prisma: PrismaClient, options: { userIds?: UserIds } = {}): Promise<void> {
  const at = DEMO_EPOCH;
  await seedCatalogue(prisma, at);
  await seedPeople(prisma, { at, userIds: options.userIds });

  const creator = await prisma.user.findUniqueOrThrow({ where: { email: "correspondant@demo.fr" } });
  for (const a of DEMO_API_ACCOUNTS) {
    const establishment = await prisma.establishment.findUniqueOrThrow({ where: { siret: a.siret } });
    const existing = await prisma.apiAccount.findUnique({ where: { identifiantKey: a.identifiant.toLowerCase() } });
    if (existing) {
      // A password that is no longer the demo one is reset, as a password change does (tokens die).
      const keep = await verifyPassword(existing.passwordHash, DEMO_API_PASSWORD);
      await prisma.apiAccount.update({
        where: { id: existing.id },
        data: {
          email: a.email,
          establishmentId: establishment.id,
          ...(keep ? {} : { passwordHash: await demoHash(a.identifiant, DEMO_API_PASSWORD), credentialsVersion: { increment: 1 } }),
        },
      });
      continue;
    }
    const account = await prisma.apiAccount.create({
      data: {
        identifiant: a.identifiant,
        identifiantKey: a.identifiant.toLowerCase(),
        email: a.email,
        establishmentId: establishment.id,
        passwordHash: await demoHash(a.identifiant, DEMO_API_PASSWORD),
        createdAt: at,
        passwordChangedAt: at,
        createdById: creator.id,
      },
    });
    await prisma.auditEvent.create({
      data: {
        at,
        actorId: creator.id,
        actorEmail: creator.email,
        action: "ACCOUNT_CREATED",
        apiAccountId: account.id,
        siret: a.siret,
        details: JSON.stringify({ identifiant: a.identifiant, email: a.email, source: "données de démonstration" }),
      },
    });
  }

  await refreshAllStatuses(prisma);
}
