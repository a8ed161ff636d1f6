/** Recognises unique-constraint violations whatever the driver adapter reports. */
export function uniqueViolationFields(error: unknown): string[] | null {
  if (!error || typeof error !== "object") return null;
  const e = error as { code?: string; meta?: Record<string, unknown>; message?: string };
  if (e.code !== "P2002") return null;
  const meta = e.meta ?? {};
  const fields: string[] = [];
  const target = meta.target;
  if (Array.isArray(target)) fields.push(...target.map(String));
  else if (typeof target === "string") fields.push(target);
  const adapterError = meta.driverAdapterError as { cause?: { constraint?: { fields?: string[] } } } | undefined;
  const constraintFields = adapterError?.cause?.constraint?.fields;
  if (Array.isArray(constraintFields)) fields.push(...constraintFields.map(String));
  if (fields.length === 0 && typeof e.message === "string") {
    const m = /constraint failed: ([\w.,\s]+)/i.exec(e.message);
    if (m?.[1]) fields.push(...m[1].split(",").map((f) => f.trim().split(".").pop() ?? f));
  }
  return fields;
}
