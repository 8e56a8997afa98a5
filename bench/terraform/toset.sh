#!/usr/bin/env bash
# Draws the curve of toset() over a large for_each: BenchmarkLoadModule_Toset
# loads one resource block whose for_each is toset() of 1,000, 5,000, 10,000
# and 20,000 literal names. With BASE (a git revision), the same benchmark
# also runs on BASE, in a temporary worktree, and both curves are printed
# side by side.
#
# Usage: bench/terraform/toset.sh [BASE]
# Environment: COUNT runs per size (default 3).
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
base=${1:-}
count=${COUNT:-3}
bench_file=iac/terraform/toset_bench_test.go

# run DIR prints "keys wall-ms cpu-ms" lines for the tree in DIR. CPU time
# (user and system, per load) is the figure to compare on a shared machine.
run() {
	(cd "$1" && go test -run '^$' -bench 'BenchmarkLoadModule_Toset' -benchtime "${count}x" ./iac/terraform/) |
		awk '/^BenchmarkLoadModule_Toset\/keys=/ {
			split($1, a, "[=-]"); wall = ""; cpu = ""
			for (i = 2; i < NF; i++) {
				if ($(i + 1) == "ns/op") wall = $i / 1e6
				if ($(i + 1) == "cpu-ms/op") cpu = $i
			}
			if (cpu == "") cpu = "-"
			printf "%s %d %s\n", a[2], wall, cpu
		}'
}

echo "== this tree"
now=$(run "$repo")

if [[ -z "$base" ]]; then
	printf '%8s %10s %10s\n' keys wall-ms cpu-ms
	while read -r k w c; do printf '%8s %10s %10s\n' "$k" "$w" "$c"; done <<<"$now"
	exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/attest-toset.XXXXXX")
trap 'git -C "$repo" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
echo "== $base"
git -C "$repo" worktree add --detach "$work/base" "$base" >/dev/null
cp "$repo/$bench_file" "$work/base/$bench_file"
before=$(run "$work/base")

# The base tree's benchmark file is this tree's, so both report cpu-ms/op.
printf '%8s %16s %16s %16s %16s\n' keys "before wall-ms" "before cpu-ms" "after wall-ms" "after cpu-ms"
join <(echo "$before") <(echo "$now") | while read -r k bw bc aw ac; do
	printf '%8s %16s %16s %16s %16s\n' "$k" "$bw" "$bc" "$aw" "$ac"
done
