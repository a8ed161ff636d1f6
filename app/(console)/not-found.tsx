import { NotFoundContent } from "@/components/shell/NotFoundContent";

/** A page of the console that is not there (or not for this person): inside the shell. */
export default function ConsoleNotFound() {
  return <NotFoundContent />;
}
