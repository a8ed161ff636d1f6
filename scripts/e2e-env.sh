# Environment of the end-to-end test server (sourced by scripts/e2e-server.sh and e2e/support).
export E2E_PORT="${E2E_PORT:-3100}"
# SQLite by default; E2E_DATABASE_URL=postgresql://… runs the same journeys on PostgreSQL.
export DATABASE_URL="${E2E_DATABASE_URL:-file:./.tmp/e2e.db}"
export NEXTAUTH_URL="http://127.0.0.1:${E2E_PORT}"
export NEXTAUTH_SECRET="e2e-secret-not-for-production-0123456789"
export APP_ENCRYPTION_KEY="ZTJlLWtleS1ub3QtZm9yLXByb2R1Y3Rpb24tMzJieXQ="
export NEXT_TELEMETRY_DISABLED=1
export DEMO_MODE=1
export API_PASSWORD_MAX_AGE_DAYS=424
# Explicitly enabled here: the token tester's suite reaches stub OAuth servers of the test process on
# 127.0.0.1 as "URL personnalisée". The demo receiver needs no such setting (tests/integration/callbacks.test.ts).
export OUTBOUND_ALLOW_LOOPBACK=1
# The e2e suites play a reverse proxy from 127.0.0.9 (its X-Forwarded-* are believed); every other
# client, the browser included, is judged by its socket's address.
export TRUSTED_PROXIES=127.0.0.9
# The identity federation (ProConnect-style OIDC): e2e/federation.spec.ts starts a real provider
# (oidc-provider) on this port for its journeys; the other suites sign in with passwords.
export E2E_IDP_PORT="${E2E_IDP_PORT:-3190}"
export OIDC_ISSUER="http://127.0.0.1:${E2E_IDP_PORT}"
export OIDC_CLIENT_ID="console-douane-e2e"
export OIDC_CLIENT_SECRET="e2e-oidc-secret-not-for-production"
# The customs side as its own service (customs-service.ts), over TLS with a local authority kept in
# .tmp/e2e-tls: the portal, the tester, the CLI and the suites trust it through NODE_EXTRA_CA_CERTS.
export CUSTOMS_TLS_DIR="$PWD/.tmp/e2e-tls"
export E2E_CUSTOMS_TOKEN_PORT="${E2E_CUSTOMS_TOKEN_PORT:-$((E2E_PORT + 43))}"
export E2E_CUSTOMS_API_PORT="${E2E_CUSTOMS_API_PORT:-$((E2E_PORT + 44))}"
# The suites' fixture service (e2e/support/fixture-server.ts: reset, habilitation states, OAuth fixtures).
export E2E_FIXTURES_PORT="${E2E_FIXTURES_PORT:-$((E2E_PORT + 45))}"
export CUSTOMS_TOKEN_BASE_URL="https://127.0.0.1:${E2E_CUSTOMS_TOKEN_PORT}"
export CUSTOMS_API_BASE_URL="https://127.0.0.1:${E2E_CUSTOMS_API_PORT}"
export NODE_EXTRA_CA_CERTS="$CUSTOMS_TLS_DIR/ca.pem"
