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

npx tsx scripts/env-setup.ts
npx prisma migrate deploy
npx tsx prisma/seed.ts --if-empty
npx next build
echo
echo "Console Correspondant Entreprise : http://127.0.0.1:${PORT}"
echo "Comptes de démonstration :"
npx tsx scripts/print-logins.ts
echo
PORT="$PORT" exec npx tsx server.ts
