#!/bin/sh
# Behaves like the official mariadb/mysql images' entrypoint for what testcontainers'
# MySqlContainer relies on: MYSQL_ROOT_PASSWORD / MYSQL_DATABASE / MYSQL_USER / MYSQL_PASSWORD,
# and "ready for connections" logged twice (a temporary server for initialisation, then the
# real one), which is the log line MySqlContainer waits for.
set -eu
DATADIR=/var/lib/mysql
if [ -z "${MYSQL_ROOT_PASSWORD:-}" ]; then
  echo "entrypoint: MYSQL_ROOT_PASSWORD must be set" >&2
  exit 1
fi
mkdir -p /run/mysqld
chown mysql:mysql /run/mysqld
# No log_error: the server then logs to stderr (docker logs), where the wait strategy looks.
SERVER_OPTS="--user=mysql --datadir=$DATADIR --skip-log-bin --expire-logs-days=0
  --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --skip-name-resolve"

if [ ! -d "$DATADIR/orm_spec_initialised" ]; then
  rm -rf "${DATADIR:?}"/*
  mariadb-install-db --user=mysql --datadir="$DATADIR" --skip-test-db \
    --auth-root-authentication-method=normal >/dev/null
  # shellcheck disable=SC2086
  mariadbd $SERVER_OPTS --skip-networking --socket=/run/mysqld/init.sock &
  pid=$!
  i=0
  until mariadb-admin --socket=/run/mysqld/init.sock ping >/dev/null 2>&1; do
    i=$((i + 1))
    [ "$i" -lt 120 ] || { echo "entrypoint: temporary server did not start" >&2; exit 1; }
    sleep 0.5
  done
  {
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$MYSQL_ROOT_PASSWORD';"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY '$MYSQL_ROOT_PASSWORD';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "${MYSQL_DATABASE:-}" ]; then
      echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"
    fi
    if [ -n "${MYSQL_USER:-}" ] && [ "$MYSQL_USER" != root ]; then
      echo "CREATE USER '$MYSQL_USER'@'%' IDENTIFIED BY '${MYSQL_PASSWORD:-}';"
      [ -z "${MYSQL_DATABASE:-}" ] || echo "GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$MYSQL_USER'@'%';"
    fi
  } | mariadb --socket=/run/mysqld/init.sock -uroot
  mkdir "$DATADIR/orm_spec_initialised"
  kill "$pid"
  wait "$pid" || true
fi
# shellcheck disable=SC2086
exec mariadbd $SERVER_OPTS --bind-address=0.0.0.0 --port=3306 "$@"
