/**
 * zod, configured once with French default messages (for the input no schema anticipated:
 * wrong types, non-objects). Every schema imports `z` from here, never from "zod" directly.
 */
import { z } from "zod";
import { fr } from "zod/locales";

z.config(fr());

export { z };
