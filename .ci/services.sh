#!/bin/sh
# Starts PostgreSQL and MariaDB when they are down, then waits until both
# accept TCP connections. CI runs it before the tests; it is safe to run again.
#
#   PG_HOST/PG_PORT        default 127.0.0.1:5432
#   MYSQL_HOST/MYSQL_PORT  default 127.0.0.1:3306
#   CLICKHOUSE_DIR         where the two ClickHouse shards keep data, default /tmp/kpi-clickhouse
#   SERVICES_TIMEOUT       seconds to wait for each server, default 60
#
# ClickHouse: two servers (HTTP 8123 and 8124, TCP 9001 and 9002) form the two-shard cluster
# `kpi_cluster` of .ci/clickhouse/config.xml.in, which the ClickHouse connector's tests use.
set -eu

PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
MYSQL_HOST=${MYSQL_HOST:-127.0.0.1}
MYSQL_PORT=${MYSQL_PORT:-3306}
SERVICES_TIMEOUT=${SERVICES_TIMEOUT:-60}
CLICKHOUSE_DIR=${CLICKHOUSE_DIR:-/tmp/kpi-clickhouse}
CLICKHOUSE_CONFIG_DIR=$(cd "$(dirname "$0")/clickhouse" && pwd)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"; else "$@"; fi
}

postgres_ready() {
  pg_isready -q -h "$PG_HOST" -p "$PG_PORT"
}

mariadb_ready() {
  mysqladmin --protocol=tcp -h "$MYSQL_HOST" -P "$MYSQL_PORT" -u root --connect-timeout=2 ping >/dev/null 2>&1
}

start_postgres() {
  # This machine kind's own start command first (no systemd), then the usual ones.
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    for version in $(ls /etc/postgresql); do
      as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null && return 0
    done
  fi
  if command -v service >/dev/null 2>&1 && as_root service postgresql start; then return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    for cluster in $(pg_lsclusters -h 2>/dev/null | awk '{print $1 "/" $2}'); do
      as_root pg_ctlcluster "${cluster%/*}" "${cluster#*/}" start || true
    done
  fi
}

start_mariadb() {
  if [ -x /usr/sbin/mariadbd ] && command -v start-stop-daemon >/dev/null 2>&1; then
    as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd && return 0
  fi
  if command -v service >/dev/null 2>&1; then
    as_root service mariadb start && return 0
    as_root service mysql start && return 0
  fi
  # No init scripts (a bare container): run the server in the background.
  if command -v mysqld_safe >/dev/null 2>&1; then
    as_root sh -c 'nohup mysqld_safe >/dev/null 2>&1 &'
  fi
}

clickhouse_ready_on() {
  curl -sf "http://127.0.0.1:$1/ping" >/dev/null 2>&1
}
clickhouse_shard1_ready() { clickhouse_ready_on 8123; }
clickhouse_shard2_ready() { clickhouse_ready_on 8124; }

# Starts one shard: its own config (ports, data directory) from the template, in the background.
start_clickhouse() {
  http_port=$1
  tcp_port=$2
  dir="$CLICKHOUSE_DIR/$http_port"
  mkdir -p "$dir/data" "$dir/tmp"
  sed -e "s|@DIR@|$dir|g" -e "s|@CONFIG_DIR@|$CLICKHOUSE_CONFIG_DIR|g" \
    -e "s|@HTTP_PORT@|$http_port|g" -e "s|@TCP_PORT@|$tcp_port|g" \
    "$CLICKHOUSE_CONFIG_DIR/config.xml.in" >"$dir/config.xml"
  as_root sh -c "nohup clickhouse-server --config-file='$dir/config.xml' >'$dir/stdout.log' 2>&1 &"
}

wait_until_ready() {
  name=$1
  check=$2
  waited=0
  until "$check"; do
    if [ "$waited" -ge "$SERVICES_TIMEOUT" ]; then
      echo "services: $name did not accept connections within ${SERVICES_TIMEOUT}s" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "services: $name is ready"
}

if ! postgres_ready; then
  echo "services: starting PostgreSQL"
  start_postgres || true
fi
if ! mariadb_ready; then
  echo "services: starting MariaDB"
  start_mariadb || true
fi

wait_until_ready "PostgreSQL ($PG_HOST:$PG_PORT)" postgres_ready
wait_until_ready "MariaDB ($MYSQL_HOST:$MYSQL_PORT)" mariadb_ready

if command -v clickhouse-server >/dev/null 2>&1; then
  if ! clickhouse_shard1_ready; then
    echo "services: starting ClickHouse shard 1"
    start_clickhouse 8123 9001 || true
  fi
  if ! clickhouse_shard2_ready; then
    echo "services: starting ClickHouse shard 2"
    start_clickhouse 8124 9002 || true
  fi
  wait_until_ready "ClickHouse shard 1 (127.0.0.1:8123)" clickhouse_shard1_ready
  wait_until_ready "ClickHouse shard 2 (127.0.0.1:8124)" clickhouse_shard2_ready
fi
