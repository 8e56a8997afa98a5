#!/usr/bin/env bash
# Measures `attest scan` on a generated tree of Dockerfiles: wall time, CPU
# time and peak RSS (from /usr/bin/time -v). Issue 12 asks for 2,000
# CloudFormation templates and 2,000 Dockerfiles in under 3 s on 2 cores;
# this script covers the Dockerfile half.
#
# Usage: bench/docker/run.sh [N]
#   N  number of Dockerfiles (default 2000)
# Environment: SEED (default 1), KEEP=1 keeps the temporary directory.
set -euo pipefail

n=${1:-2000}
seed=${SEED:-1}

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/attest-bench-docker.XXXXXX")
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
(cd "$repo" && go build -o "$work/attest" ./cmd/attest)

echo "== generate $n Dockerfiles (seed $seed)"
(cd "$repo" && go run ./bench/docker/gen -out "$work/tree" -n "$n" -seed "$seed")

# measure NAME ARGS... runs attest under /usr/bin/time -v. Exit 1 (findings
# over the threshold) is the expected outcome; anything else is an error.
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
	printf '%-12s exit %d  wall %s  cpu %ss user + %ss sys  peak RSS %d MiB\n' \
		"$name" "$code" "$wall" "$user" "$sys" $((rss / 1024))
}

echo "== scan (GOMAXPROCS=${GOMAXPROCS:-all cores})"
measure dockerfiles scan "$work/tree" --format json="$work/report.json"
python3 - "$work/report.json" <<'PY' 2>/dev/null || true
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
print(f"resources {s.get('resources')}, findings {len(r['findings'])}, errors {s.get('errors', 0)}")
PY
