/**
 * The e2e hosts (scripts/e2e-env.sh sets the servers' side; playwright.config.ts this process's):
 * the portal (Next.js, http) and the customs service's token and API hosts (TLS, local authority).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
export const PORTAL = `http://127.0.0.1:${port}`;
export const TOKEN = process.env.CUSTOMS_TOKEN_BASE_URL ?? `https://127.0.0.1:${port + 43}`;
export const API = process.env.CUSTOMS_API_BASE_URL ?? `https://127.0.0.1:${port + 44}`;
/** The e2e local authority (scripts/e2e-env.sh: CUSTOMS_TLS_DIR). */
export const CA_FILE = `${process.cwd()}/.tmp/e2e-tls/ca.pem`;
