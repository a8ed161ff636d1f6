#!/usr/bin/env bash
# Two instances of one console for the multi-instance suite (playwright.instances.config.ts):
#   scripts/instances-server.sh A PORT   → prepares the shared database, then serves
#   scripts/instances-server.sh B PORT   → waits for A's database, then serves the same one
# The database is INSTANCES_DATABASE_URL (PostgreSQL), or a SQLite file under .tmp/.
set -euo pipefail
cd "$(dirname "$0")/.."
role="${1:?A|B}"
port="${2:?port}"
source scripts/e2e-env.sh
export DATABASE_URL="${INSTANCES_DATABASE_URL:-file:./.tmp/instances.db}"
export NEXTAUTH_URL="http://127.0.0.1:${INSTANCES_PORT_A:-3201}" # the service's public address: both instances
export TRUSTED_PROXIES=""
export SMTP_URL="smtp://127.0.0.1:${INSTANCES_SMTP_PORT:-3299}"
export CONSOLE_SWEEP_INTERVAL_MS=500
marker=.tmp/instances-ready
mkdir -p .tmp
if [ "$role" = "A" ]; then
  rm -f "$marker"
  case "$DATABASE_URL" in
    postgres://*|postgresql://*) npx tsx scripts/pg-recreate-database.ts "$DATABASE_URL" ;;
    *) rm -f .tmp/instances.db .tmp/instances.db-wal .tmp/instances.db-shm ;;
  esac
  npx prisma migrate deploy > /dev/null
  npx tsx prisma/seed.ts > /dev/null
  touch "$marker"
else
  for _ in $(seq 1 600); do [ -f "$marker" ] && break; sleep 0.2; done
fi
exec > >(tee ".tmp/instance-${role}.log") 2>&1
PORT="$port" exec npx tsx server.ts
