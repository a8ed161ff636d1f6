#!/usr/bin/env bash
# A throwaway PostgreSQL cluster from Debian's `postgresql` package, on 127.0.0.1 only, in a folder
# of its own (tests, local trials). Never the machine's own cluster.
#   scripts/pg-cluster.sh start DIR PORT   → initdb (first time) + start; prints the admin URL
#   scripts/pg-cluster.sh createdb DIR PORT NAME   → a fresh database NAME (dropped first); prints its URL
#   scripts/pg-cluster.sh stop DIR
set -euo pipefail
cmd="${1:?start|createdb|stop}"
dir="${2:?dossier du cluster}"
port="${3:-55432}"
PASSWORD="console-test"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL absent : installation du paquet Debian « postgresql »…" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# As root, the server runs as the `postgres` system user (it refuses root).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; chmod 700 "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "mkdir -p '$dir/data' '$dir/sock' && chmod 700 '$dir/data' && printf '%s' '$PASSWORD' > '$dir/pw' && \
        '$bin/initdb' -D '$dir/data' -U postgres --auth=scram-sha-256 --pwfile='$dir/pw' -E UTF8 --locale=C.UTF-8 >/dev/null"
    fi
    if ! as_owner "'$bin/pg_ctl' -D '$dir/data' status" >/dev/null 2>&1; then
    as_owner "'$bin/pg_ctl' -D '$dir/data' -l '$dir/sock/pg.log' -o \"-p $port -k '$dir/sock' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" -w start >/dev/null"
    fi
    echo "postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/postgres"
    ;;
  createdb)
    name="${4:?nom de la base}"
    PGOPTIONS="-c client_min_messages=warning" PGPASSWORD="$PASSWORD" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
      -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" -c "CREATE DATABASE \"$name\"" >/dev/null
    echo "postgresql://postgres:${PASSWORD}@127.0.0.1:${port}/${name}"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then as_owner "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop >/dev/null" || true; fi
    ;;
  *) echo "usage: $0 start|createdb|stop DIR [PORT] [NAME]" >&2; exit 2 ;;
esac
