#!/usr/bin/env bash
# Install (if needed) and start a PostgreSQL server on loopback for the test suite, with a
# role and a template database owned by it. Prints the admin URL tests should use.
# Debian's package creates the "main" cluster; pg_ctlcluster starts it without systemd.
set -euo pipefail
PORT=${JJJDESK_PG_PORT:-5432}
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  $SUDO pg_createcluster "$version" main --port "$PORT" >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main"{print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main"{print $3}')
psql_admin() { $SUDO -u postgres psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(id -u)" = 0 ]; then psql_admin() { runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"; }; fi
for _ in $(seq 1 30); do psql_admin -c "select 1" >/dev/null 2>&1 && break; sleep 1; done
if [ "$(psql_admin -c "select 1 from pg_roles where rolname='jjjdesk_test'")" != 1 ]; then
  psql_admin -c "create role jjjdesk_test login createdb password 'jjjdesk_test'"
fi
# A throwaway local test server: the role may end any session (DROP DATABASE … WITH (FORCE)
# must also end autovacuum workers, which run as the bootstrap superuser).
psql_admin -c "alter role jjjdesk_test superuser"
echo "postgresql+psycopg://jjjdesk_test:jjjdesk_test@127.0.0.1:$port/postgres"
