import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { landingPathFor } from "@/lib/authorization/policy";
import { demoModeEnabled } from "@/lib/demo-clock/service";

/** `/`: each person's landing page — the request queue for customs, FORMATION for the trainer, the API accounts otherwise. */
export default async function HomePage() {
  redirect(landingPathFor(await requireUser(), demoModeEnabled()));
}
