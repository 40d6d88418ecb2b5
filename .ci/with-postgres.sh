#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster on loopback, exporting KANTA_TEST_POSTGRES_URL.
# The cluster lives in a temporary folder and is removed afterwards, whatever the command's result.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "PostgreSQL is not installed (run .ci/setup.sh)" >&2; exit 1; }

dir=$(mktemp -d /tmp/kanta-pg.XXXXXX)
port=$("$(dirname "$0")/free-port")

# PostgreSQL refuses to run as root: run it as the `postgres` user when we are root.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi

stop() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U kanta --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }

export KANTA_TEST_POSTGRES_URL="postgres://kanta@127.0.0.1:$port/postgres"
echo "[postgres] throwaway cluster on 127.0.0.1:$port" >&2
"$@"
