#!/bin/sh
# Behaves like the official postgres image's entrypoint for what testcontainers relies on:
# POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, password auth from any address, and a psql
# client inside the container for PostgresContainer's readiness check.
set -eu
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | head -1)
PGDATA=${PGDATA:-/var/lib/postgresql/data}
POSTGRES_USER=${POSTGRES_USER:-postgres}
POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
if [ -z "${POSTGRES_PASSWORD:-}" ]; then
  echo "entrypoint: POSTGRES_PASSWORD must be set" >&2
  exit 1
fi
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }

mkdir -p "$PGDATA" /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /var/run/postgresql
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  # Without an explicit UTF8 encoding initdb makes a SQL_ASCII cluster and psycopg returns bytes.
  as_postgres "$PGBIN/initdb" -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" \
    -E UTF8 --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' \
    >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    echo "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\"" |
      as_postgres "$PGBIN/postgres" --single -D "$PGDATA" -j postgres >/dev/null
  fi
fi
# A throwaway test database: durability is not worth the fsyncs.
exec setpriv --reuid=postgres --regid=postgres --init-groups "$PGBIN/postgres" -D "$PGDATA" \
  -c listen_addresses='*' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "$@"
