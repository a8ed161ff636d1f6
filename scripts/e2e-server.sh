#!/usr/bin/env bash
# Serves the production build for Playwright on a fresh database with the demo data (SQLite file,
# or the PostgreSQL database of E2E_DATABASE_URL dropped and created again).
set -euo pipefail
cd "$(dirname "$0")/.."
export E2E_PORT="${1:-3100}"
source scripts/e2e-env.sh
mkdir -p .tmp
# The customs service's local authority first: every Node process below trusts it (NODE_EXTRA_CA_CERTS).
NODE_EXTRA_CA_CERTS= npx tsx scripts/tls-setup.ts > /dev/null
case "$DATABASE_URL" in
  postgres://*|postgresql://*) npx tsx scripts/pg-recreate-database.ts "$DATABASE_URL" ;;
  *) rm -f .tmp/e2e.db .tmp/e2e.db-wal .tmp/e2e.db-shm .tmp/e2e.db-journal ;;
esac
npx prisma migrate deploy > /dev/null
npx tsx prisma/seed.ts > /dev/null
# The server's output also goes to .tmp/e2e-server.log: e2e/secrets.spec.ts searches it for secrets.
exec > >(tee .tmp/e2e-server.log) 2>&1
# The customs service (token and API hosts, TLS) next to the portal; both stop together.
CUSTOMS_TOKEN_PORT="$E2E_CUSTOMS_TOKEN_PORT" CUSTOMS_API_PORT="$E2E_CUSTOMS_API_PORT" npx tsx customs-service.ts &
customs=$!
PORT="$E2E_PORT" npx tsx server.ts &
portal=$!
# The suites' fixture service (same environment), instead of a process per reset or fixture.
npx tsx e2e/support/fixture-server.ts &
fixtures=$!
trap 'kill $customs $portal $fixtures 2>/dev/null; wait' TERM INT EXIT
wait -n $customs $portal $fixtures
