#!/usr/bin/env bash
# Measures `attest scan` on a generated Terraform tree: wall time and peak RSS
# (maximum resident set size, from /usr/bin/time -v) for a large module tree
# and for a single-file root.
#
# Usage: bench/terraform/run.sh [RESOURCES] [ONE_FILE_RESOURCES]
#   RESOURCES           resources in the module tree (default 10000)
#   ONE_FILE_RESOURCES  resources in the single main.tf (default 500)
# Environment: SEED (default 1), KEEP=1 keeps the temporary directory.
set -euo pipefail

resources=${1:-10000}
one_file=${2:-500}
seed=${SEED:-1}

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/attest-bench.XXXXXX")
if [[ "${KEEP:-0}" != 1 ]]; then
	trap 'rm -rf "$work"' EXIT
else
	echo "keeping $work"
fi

if [[ ! -x /usr/bin/time ]]; then
	echo "run.sh: /usr/bin/time is missing (install the 'time' package)" >&2
	exit 2
fi

echo "== build attest"
if ! (cd "$repo" && go build -o "$work/attest" ./cmd/attest); then
	echo "run.sh: the attest binary does not build; fix the build and run again" >&2
	exit 2
fi
if ! "$work/attest" scan --help >/dev/null 2>&1; then
	echo "run.sh: this attest binary has no 'scan' command" >&2
	exit 2
fi

echo "== generate trees (seed $seed)"
(cd "$repo" && go run ./bench/terraform/gen -out "$work/tree" -resources "$resources" -seed "$seed")
(cd "$repo" && go run ./bench/terraform/gen -out "$work/one" -resources "$one_file" -seed "$seed" -flat)

# measure NAME ARGS... runs attest with ARGS under /usr/bin/time -v and prints
# the wall time and peak RSS. Exit 1 (findings over the threshold) is the
# expected outcome on these trees; anything else is an error.
measure() {
	local name=$1
	shift
	local log="$work/$name.time"
	local code=0
	/usr/bin/time -v -o "$log" "$work/attest" "$@" >"$work/$name.stdout" 2>"$work/$name.stderr" || code=$?
	if [[ $code -ne 0 && $code -ne 1 ]]; then
		echo "run.sh: attest $* exited $code:" >&2
		tail -n 20 "$work/$name.stderr" >&2
		exit 1
	fi
	local wall rss user sys
	wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
	rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$log")
	user=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$log")
	sys=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$log")
	# CPU time is printed too: on a shared machine it varies less than wall time.
	printf '%-10s exit %d  wall %s  cpu %ss user + %ss sys  peak RSS %d MiB (%s kB)\n' \
		"$name" "$code" "$wall" "$user" "$sys" $((rss / 1024)) "$rss"
}

echo "== scan"
measure tree scan "$work/tree" --format json=/dev/null
measure one-file scan "$work/one/main.tf" --format json=/dev/null
