#!/usr/bin/env bash
# The Debian packages the tests use, installed when missing (never a downloaded browser or binary):
#   chromium (Playwright), postgresql (throwaway test clusters), openssl (the customs service's local
#   certificate authority), curl and python3-requests (stock clients of the TLS hosts).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
python3 -c "import requests" >/dev/null 2>&1 || missing+=(python3-requests)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "Paquets Debian absents : ${missing[*]} — installation…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
