#!/usr/bin/env bash
# test.sh runs every test of attest on this machine: it starts a throwaway
# PostgreSQL (installing Debian's package if needed) so the store contract
# suite runs on both backends, then runs the Go tests with the race detector.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ATTEST_TEST_POSTGRES:-}" ]; then
	ATTEST_TEST_POSTGRES=$(scripts/postgres.sh)
	export ATTEST_TEST_POSTGRES
fi
echo "test.sh: PostgreSQL at $ATTEST_TEST_POSTGRES" >&2
go test -race -timeout 20m "$@" ./...
