/**
 * zod, configured once with French default messages (for the input no schema anticipated:
 * wrong types, non-objects). Every schema imports `z` from here, never from "zod" directly.
 */
import { config } from "zod";
// The French locale alone (the "zod/locales" barrel would bring every locale along).
import fr from "zod/v4/locales/fr.js";

config(fr());

export * as z from "./zod-subset";
