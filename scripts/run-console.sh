#!/usr/bin/env bash
# The README's run command (after `npm ci`): local secrets, SQLite database migrated and seeded
# when empty, production build, then the console on http://127.0.0.1:3000 with the demo logins.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"
# Demo settings (never in production): the trainer's demo clock and the demo receiver, which test
# callbacks reach on this machine. Other loopback targets stay refused unless OUTBOUND_ALLOW_LOOPBACK=1.
export DEMO_MODE="${DEMO_MODE:-1}"
# Renewal reminders of API account passwords: off unless set; the demo shows them with 424 days
# (Chorus Pro's period). API_PASSWORD_MAX_AGE_DAYS= (empty) turns them off here too.
export API_PASSWORD_MAX_AGE_DAYS="${API_PASSWORD_MAX_AGE_DAYS-424}"

# The customs side as its own service (customs-service.ts): token and API hosts over TLS, with a local
# certificate authority made on first run (.local/tls/, out of git). The portal (its tester) trusts it.
export CUSTOMS_TOKEN_PORT="${CUSTOMS_TOKEN_PORT:-3443}"
export CUSTOMS_API_PORT="${CUSTOMS_API_PORT:-3444}"
scheme=https
if ! command -v openssl >/dev/null 2>&1; then
  # No certificate authority without openssl: the hosts in plain http rather than no customs side at all.
  echo "openssl absent (paquet Debian « openssl ») : les hôtes du service douane servent en http, sans TLS." >&2
  export CUSTOMS_TLS=off
  scheme=http
fi
export CUSTOMS_TOKEN_BASE_URL="${scheme}://127.0.0.1:${CUSTOMS_TOKEN_PORT}"
export CUSTOMS_API_BASE_URL="${scheme}://127.0.0.1:${CUSTOMS_API_PORT}"

npx tsx scripts/env-setup.ts
npx prisma migrate deploy
npx tsx prisma/seed.ts --if-empty
CA="(aucune : http)"
if [ "$scheme" = https ]; then
  CA=$(npx tsx scripts/tls-setup.ts)
  export NODE_EXTRA_CA_CERTS="$CA"
fi
npx next build
echo
echo "Console Correspondant Entreprise : http://127.0.0.1:${PORT}"
echo "Service douane simulé — jetons   : ${CUSTOMS_TOKEN_BASE_URL}/oauth2/token"
echo "Service douane simulé — API      : ${CUSTOMS_API_BASE_URL}  (/dh7, /gamma2, /deltaie, /pnts, /example/api)"
echo "Autorité de certification locale : ${CA}  (curl --cacert, NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE : voir le README)"
echo "Comptes de démonstration :"
npx tsx scripts/print-logins.ts
echo
npx tsx customs-service.ts &
customs=$!
PORT="$PORT" npx tsx server.ts &
portal=$!
# One stops, both stop (Ctrl-C included).
trap 'kill $customs $portal 2>/dev/null; wait' INT TERM EXIT
wait -n $customs $portal
