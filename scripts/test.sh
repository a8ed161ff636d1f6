#!/usr/bin/env bash
# `npm test`: every check, in the order a failure is cheapest to find.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-chromium.sh

step() {
  local name="$1"; shift
  local start=$SECONDS
  echo "=== ${name}"
  "$@"
  echo "=== ${name} : OK ($((SECONDS - start)) s)"
}

step "Typecheck" npm run --silent typecheck
step "Lint" npm run --silent lint
step "Unit tests" npm run --silent test:unit
step "Integration tests" npm run --silent test:integration
step "End-to-end tests (Chromium)" npm run --silent test:e2e
echo "All tests passed in $SECONDS s."
