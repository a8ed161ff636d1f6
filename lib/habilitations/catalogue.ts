/**
 * The API catalogue, kept by customs agents: name, description, customs contact, url delay,
 * and the fields each API needs. Codes and path prefixes are fixed (the simulated APIs are
 * served at /<pathPrefix>/…). Every API keeps `url` (URL) and `token` (SECRET), required.
 * A change of required fields refreshes the status of every account habilitated on the API.
 * A new delay applies to changes scheduled from then on (a scheduled change keeps its time).
 */
import { db, type Tx } from "../db";
import { recordAudit } from "../audit/audit";
import type { AuditDetails } from "../audit/events";
import { canEditCatalogue, type Actor } from "../authorization";
import { fail, INVALID_FORM_MESSAGE, zodFieldErrors, type ActionResult } from "../action-result";
import { uniqueViolationFields } from "../db-errors";
import { refreshAccountStatus } from "./account-status";
import { idOf } from "./service";
import { BUILT_IN_FIELDS, apiSettingsSchema, fieldUpdateSchema, newFieldSchema } from "./schema";

export const CATALOGUE_MESSAGES = {
  forbidden: "Seul le service de certification de la douane modifie le catalogue des API.",
  unknownApi: "Cette API n'existe pas dans le catalogue.",
  unknownField: "Ce champ n'existe pas pour cette API.",
  keyTaken: "Cette API a déjà un champ avec cette clé.",
  builtIn: "Les champs url et token sont communs à toutes les API : ils restent obligatoires et ne peuvent pas être supprimés.",
} as const;

async function refreshAccountsOf(tx: Tx, apiId: string): Promise<number> {
  const habilitations = await tx.habilitation.findMany({ where: { apiId, revokedAt: null }, select: { apiAccountId: true } });
  for (const h of habilitations) await refreshAccountStatus(tx, h.apiAccountId);
  return habilitations.length;
}

export async function updateApiSettings(actor: Actor, apiCode: string, raw: unknown): Promise<ActionResult> {
  if (!canEditCatalogue(actor)) return fail(CATALOGUE_MESSAGES.forbidden);
  const api = await db().api.findUnique({ where: { code: idOf(apiCode) } });
  if (!api) return fail(CATALOGUE_MESSAGES.unknownApi);
  const parsed = apiSettingsSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const input = parsed.data;
  const urlDelaySeconds = input.urlDelayMinutes * 60;
  await db().$transaction(async (tx) => {
    await tx.api.update({
      where: { id: api.id },
      data: { name: input.name, description: input.description, contactEmail: input.contactEmail, urlDelaySeconds },
    });
    const details: AuditDetails<"CATALOGUE_API_UPDATED"> = { api: api.code };
    if (api.name !== input.name) details.name = { from: api.name, to: input.name };
    if (api.contactEmail !== input.contactEmail) details.contactEmail = { from: api.contactEmail, to: input.contactEmail };
    if (api.urlDelaySeconds !== urlDelaySeconds) details.delayMinutes = { from: String(api.urlDelaySeconds / 60), to: String(input.urlDelayMinutes) };
    if (api.description !== input.description) details.descriptionChanged = true;
    await recordAudit({ actor, action: "CATALOGUE_API_UPDATED", details }, tx);
  });
  return { ok: true, message: `L'API ${input.name} est enregistrée.`, data: undefined };
}

export async function addApiField(actor: Actor, apiCode: string, raw: unknown): Promise<ActionResult> {
  if (!canEditCatalogue(actor)) return fail(CATALOGUE_MESSAGES.forbidden);
  const api = await db().api.findUnique({ where: { code: idOf(apiCode) }, include: { fields: true } });
  if (!api) return fail(CATALOGUE_MESSAGES.unknownApi);
  const parsed = newFieldSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const input = parsed.data;
  if (api.fields.some((f) => f.key.toLowerCase() === input.key.toLowerCase())) {
    return fail(CATALOGUE_MESSAGES.keyTaken, { key: [CATALOGUE_MESSAGES.keyTaken] });
  }
  const position = Math.max(0, ...api.fields.map((f) => f.position)) + 1;
  try {
    await db().$transaction(async (tx) => {
      await tx.apiField.create({
        data: { apiId: api.id, key: input.key, label: input.label, kind: input.kind, required: input.required, help: input.help || null, position },
      });
      const refreshed = input.required ? await refreshAccountsOf(tx, api.id) : 0;
      await recordAudit(
        { actor, action: "CATALOGUE_FIELD_ADDED", details: { api: api.code, field: input.key, required: input.required, accountsRefreshed: refreshed } },
        tx,
      );
    });
  } catch (error) {
    if (uniqueViolationFields(error)) return fail(CATALOGUE_MESSAGES.keyTaken, { key: [CATALOGUE_MESSAGES.keyTaken] });
    throw error;
  }
  return { ok: true, message: `Champ « ${input.label} » ajouté à ${api.name}.`, data: undefined };
}

export async function updateApiField(actor: Actor, apiCode: string, fieldKey: string, raw: unknown): Promise<ActionResult> {
  if (!canEditCatalogue(actor)) return fail(CATALOGUE_MESSAGES.forbidden);
  const api = await db().api.findUnique({ where: { code: idOf(apiCode) }, include: { fields: true } });
  if (!api) return fail(CATALOGUE_MESSAGES.unknownApi);
  const field = api.fields.find((f) => f.key === idOf(fieldKey));
  if (!field) return fail(CATALOGUE_MESSAGES.unknownField);
  const parsed = fieldUpdateSchema.safeParse(raw);
  if (!parsed.success) return fail(INVALID_FORM_MESSAGE, zodFieldErrors(parsed.error.issues));
  const input = parsed.data;
  const builtIn = field.key in BUILT_IN_FIELDS;
  if (builtIn && !input.required) return fail(CATALOGUE_MESSAGES.builtIn, { required: [CATALOGUE_MESSAGES.builtIn] });
  await db().$transaction(async (tx) => {
    await tx.apiField.update({ where: { id: field.id }, data: { label: input.label, required: input.required, help: input.help || null } });
    const refreshed = field.required !== input.required ? await refreshAccountsOf(tx, api.id) : 0;
    await recordAudit(
      {
        actor,
        action: "CATALOGUE_FIELD_UPDATED",
        details: { api: api.code, field: field.key, label: input.label, required: input.required, accountsRefreshed: refreshed },
      },
      tx,
    );
  });
  return { ok: true, message: `Champ « ${input.label} » de ${api.name} enregistré.`, data: undefined };
}

export async function removeApiField(actor: Actor, apiCode: string, fieldKey: string): Promise<ActionResult> {
  if (!canEditCatalogue(actor)) return fail(CATALOGUE_MESSAGES.forbidden);
  const api = await db().api.findUnique({ where: { code: idOf(apiCode) }, include: { fields: true } });
  if (!api) return fail(CATALOGUE_MESSAGES.unknownApi);
  const field = api.fields.find((f) => f.key === idOf(fieldKey));
  if (!field) return fail(CATALOGUE_MESSAGES.unknownField);
  if (field.key in BUILT_IN_FIELDS) return fail(CATALOGUE_MESSAGES.builtIn);
  await db().$transaction(async (tx) => {
    await tx.apiField.delete({ where: { id: field.id } });
    const values = await tx.apiFieldValue.deleteMany({ where: { apiId: api.id, fieldKey: field.key } });
    const refreshed = await refreshAccountsOf(tx, api.id);
    await recordAudit(
      { actor, action: "CATALOGUE_FIELD_REMOVED", details: { api: api.code, field: field.key, deletedValues: values.count, accountsRefreshed: refreshed } },
      tx,
    );
  });
  return { ok: true, message: `Champ « ${field.label} » retiré de ${api.name}.`, data: undefined };
}
