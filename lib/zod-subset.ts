/**
 * The part of zod the console uses, re-exported by name so the bundler can leave the rest out of
 * the browser's bundle: `import { z } from "zod"` is a namespace holding `z.locales` — every locale,
 * about 100 kB gzip on each page with a form. Add a name here when a schema needs it.
 */
export { array, boolean, coerce, discriminatedUnion, email, enum, iso, literal, number, object, string, union, ZodObject, ZodType } from "zod";
export type { infer, input, output, ZodRawShape } from "zod";
