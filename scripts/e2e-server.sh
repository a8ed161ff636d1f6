#!/usr/bin/env bash
# Serves the production build for Playwright on a fresh database with the demo data (SQLite file,
# or the PostgreSQL database of E2E_DATABASE_URL dropped and created again).
set -euo pipefail
cd "$(dirname "$0")/.."
export E2E_PORT="${1:-3100}"
source scripts/e2e-env.sh
mkdir -p .tmp
case "$DATABASE_URL" in
  postgres://*|postgresql://*) npx tsx scripts/pg-recreate-database.ts "$DATABASE_URL" ;;
  *) rm -f .tmp/e2e.db .tmp/e2e.db-wal .tmp/e2e.db-shm .tmp/e2e.db-journal ;;
esac
npx prisma migrate deploy > /dev/null
npx tsx prisma/seed.ts > /dev/null
# The server's output also goes to .tmp/e2e-server.log: e2e/secrets.spec.ts searches it for secrets.
exec > >(tee .tmp/e2e-server.log) 2>&1
PORT="$E2E_PORT" exec npx tsx server.ts
