#!/usr/bin/env bash
# test.sh runs every test of attest on this machine: it starts a throwaway
# PostgreSQL (installing Debian's package if needed) so the store contract
# suite runs on both backends, installs Debian's chromium when missing (for the
# dashboard's browser tests), then runs the Go tests with the race detector.
# A server it started is stopped again when the tests end (set
# ATTEST_KEEP_POSTGRES=1 to keep it); one that was already running is left.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ATTEST_TEST_POSTGRES:-}" ]; then
	if ! scripts/postgres.sh status && [ -z "${ATTEST_KEEP_POSTGRES:-}" ]; then
		trap 'scripts/postgres.sh stop' EXIT
	fi
	ATTEST_TEST_POSTGRES=$(scripts/postgres.sh)
	export ATTEST_TEST_POSTGRES
fi
echo "test.sh: PostgreSQL at $ATTEST_TEST_POSTGRES" >&2

# The dashboard's browser tests (web/browser_test.go) drive headless Chromium
# from Debian's chromium package.
if [ -z "${ATTEST_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ]; then
	echo "test.sh: installing Debian's chromium for the browser tests" >&2
	apt-get update -qq >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
go test -race -timeout 30m "$@" ./...
