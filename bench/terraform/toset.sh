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

# run DIR prints "keys ns/op" lines for the tree in DIR.
run() {
	(cd "$1" && go test -run '^$' -bench 'BenchmarkLoadModule_Toset' -benchtime "${count}x" ./iac/terraform/) |
		sed -n 's/^BenchmarkLoadModule_Toset\/keys=\([0-9]*\)-[0-9]*[[:space:]]*[0-9]*[[:space:]]*\([0-9]*\) ns\/op.*/\1 \2/p'
}

echo "== this tree"
now=$(run "$repo")

if [[ -z "$base" ]]; then
	printf '%8s %12s\n' keys "ms/op"
	while read -r k ns; do printf '%8s %12.0f\n' "$k" "$((ns / 1000000))"; done <<<"$now"
	exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/attest-toset.XXXXXX")
trap 'git -C "$repo" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
echo "== $base"
git -C "$repo" worktree add --detach "$work/base" "$base" >/dev/null
cp "$repo/$bench_file" "$work/base/$bench_file"
before=$(run "$work/base")

printf '%8s %14s %14s %8s\n' keys "before ms/op" "after ms/op" speedup
join <(echo "$before") <(echo "$now") | while read -r k b a; do
	printf '%8s %14d %14d %7.1fx\n' "$k" "$((b / 1000000))" "$((a / 1000000))" "$(echo "$b / $a" | bc -l)"
done
