#!/usr/bin/env bash
# postgres.sh starts a throwaway PostgreSQL server on loopback for tests and
# benchmarks, installing Debian's package first when no server is present.
# It prints the DSN on stdout; export it as ATTEST_TEST_POSTGRES.
#
#   export ATTEST_TEST_POSTGRES=$(scripts/postgres.sh)
#   scripts/postgres.sh stop
#   scripts/postgres.sh status    # exit 0 when the server is running
set -euo pipefail

dir=${ATTEST_PGDATA:-/tmp/attest-pgdata}
port=${ATTEST_PGPORT:-54329}
dsn="postgres://attest@127.0.0.1:${port}/attest?sslmode=disable"

pgbin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin=$(pgbin)
if [ -z "$bin" ]; then
	echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq postgresql >&2
	bin=$(pgbin)
fi

# PostgreSQL refuses to run as root: run its commands as the postgres user then.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

if [ "${1:-start}" = status ]; then
	[ -n "$bin" ] && as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1
	exit
fi

if [ "${1:-start}" = stop ]; then
	as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >&2 || true
	exit 0
fi

if as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
	echo "$dsn"
	exit 0
fi

if [ ! -f "$dir/PG_VERSION" ]; then
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
	as_pg "$bin/initdb" -D "$dir" -U attest -A trust -E UTF8 >&2
fi
as_pg "$bin/pg_ctl" -D "$dir" -w -l "$dir/server.log" \
	-o "-p $port -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=200" start >&2
as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U attest -d postgres -tAc \
	"SELECT 1 FROM pg_database WHERE datname='attest'" | grep -q 1 ||
	as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U attest attest >&2
echo "$dsn"
