#!/usr/bin/env bash
# Two instances of one console for the multi-instance suite (playwright.instances.config.ts):
#   scripts/instances-server.sh A PORT   → prepares the shared database, then serves
#   scripts/instances-server.sh B PORT   → waits for A's database, then serves the same one
#   scripts/instances-server.sh C PORT   → waits too, then serves the customs service (customs-service.ts:
#                                          token host on PORT, API host on PORT+1, TLS) on the same database
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
export CUSTOMS_TLS_DIR="$PWD/.tmp/instances-tls"
export CUSTOMS_TOKEN_BASE_URL="https://127.0.0.1:${INSTANCES_PORT_C:-3203}"
export CUSTOMS_API_BASE_URL="https://127.0.0.1:$(( ${INSTANCES_PORT_C:-3203} + 1 ))"
export NODE_EXTRA_CA_CERTS="$CUSTOMS_TLS_DIR/ca.pem"
marker=.tmp/instances-ready
mkdir -p .tmp
if [ "$role" = "A" ]; then
  rm -f "$marker"
  NODE_EXTRA_CA_CERTS= npx tsx scripts/tls-setup.ts > /dev/null
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
if [ "$role" = "C" ]; then
  CUSTOMS_TOKEN_PORT="$port" CUSTOMS_API_PORT="$((port + 1))" exec npx tsx customs-service.ts
fi
PORT="$port" exec npx tsx server.ts
