#!/usr/bin/env bash
# `npm test`: every check, in the order a failure is cheapest to find — on both engines.
#   SQLite: unit, integration, every end-to-end journey, two instances on one file.
#   PostgreSQL (a throwaway cluster from Debian's `postgresql` package, on 127.0.0.1, stopped at
#   the end): integration, the end-to-end journeys, two instances on one database.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-system-packages.sh

step() {
  local name="$1"; shift
  local start=$SECONDS
  echo "=== ${name}"
  "$@"
  echo "=== ${name} : OK ($((SECONDS - start)) s)"
}

PG_DIR=$(mktemp -d)
chmod 755 "$PG_DIR" # the cluster runs as the postgres user when we are root: it must reach its folder
PG_PORT="${TEST_PG_PORT:-55433}"
cleanup() { bash scripts/pg-cluster.sh stop "$PG_DIR/cluster" || true; rm -rf "$PG_DIR"; }
trap cleanup EXIT

# Typecheck and lint side by side (each mostly one core).
both() {
  local pids=() status=0
  npm run --silent typecheck & pids+=($!)
  npm run --silent lint & pids+=($!)
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  return $status
}
step "Typecheck and lint" both
step "Schema drift (PostgreSQL schema generated from the source)" node scripts/pg-schema.mjs --check
step "Unit tests" npm run --silent test:unit
step "Integration tests (SQLite)" npm run --silent test:integration

PG_ADMIN_URL=$(bash scripts/pg-cluster.sh start "$PG_DIR/cluster" "$PG_PORT")
step "Integration tests (PostgreSQL)" env TEST_PG_ADMIN_URL="$PG_ADMIN_URL" npm run --silent test:integration

step "Build" npx next build
step "End-to-end tests (Chromium, SQLite)" npx playwright test
E2E_PG_URL="${PG_ADMIN_URL%/*}/console_e2e"
# The journeys that write through the browser and the services. The protocol suites (OAuth
# conformance, attacks, abuse) answer the same on both engines; their engine-dependent parts (token
# rows, counters, sessions) run on PostgreSQL in the integration tests and the two-instances suite.
step "End-to-end journeys (Chromium, PostgreSQL)" env E2E_DATABASE_URL="$E2E_PG_URL" npx playwright test --grep-invert @sqlite-only \
  e2e/accounts.spec.ts e2e/habilitations.spec.ts e2e/callbacks.spec.ts e2e/token-tester.spec.ts e2e/scenarios.spec.ts \
  e2e/trainer.spec.ts e2e/company-people.spec.ts e2e/federation.spec.ts e2e/customs-hosts.spec.ts
step "Two instances (SQLite)" npx playwright test -c playwright.instances.config.ts
step "Two instances (PostgreSQL)" env INSTANCES_DATABASE_URL="${PG_ADMIN_URL%/*}/console_instances" npx playwright test -c playwright.instances.config.ts
echo "All tests passed in $SECONDS s."
