/**
 * The customs service's local certificate authority and certificate (lib/customs-service/tls.ts):
 * created if missing or due, else kept. Prints the authority's path (to trust it: README).
 *   npx tsx scripts/tls-setup.ts [dir]     (default CUSTOMS_TLS_DIR, else .local/tls)
 */
import path from "node:path";
import { ensureLocalCertificates } from "../lib/customs-service/tls";

const dir = path.resolve(process.argv[2] || process.env.CUSTOMS_TLS_DIR || ".local/tls");
const certs = ensureLocalCertificates(dir, (process.env.CUSTOMS_TLS_NAMES ?? "").split(","));
if (certs.created.ca) console.error(`Autorité de certification locale créée : ${certs.caPath}`);
else if (certs.created.server) console.error(`Certificat des hôtes douane renouvelé : ${certs.certPath}`);
console.log(certs.caPath);
