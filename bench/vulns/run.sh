#!/bin/sh
# run.sh measures `attest vulns merge` on synthetic reports: it generates
# Grype, Trivy and Inspector reports with about OCCURRENCES occurrences
# (default 1,000,000) overlapping across the three scanners, then merges them
# under /usr/bin/time -v and prints the wall time and peak RSS.
#
#   bench/vulns/run.sh [OCCURRENCES] [DIR]
#
# DIR (default a temporary directory) keeps the generated reports between
# runs; they are generated only when DIR/grype is missing.
set -eu

n=${1:-1000000}
dir=${2:-}
cd "$(dirname "$0")/../.."

if [ -z "$dir" ]; then
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
fi
if [ ! -d "$dir/grype" ]; then
	go run ./bench/vulns/gen -occurrences "$n" -out "$dir"
fi
du -sh "$dir/grype" "$dir/trivy" "$dir/inspector"

bin="$dir/attest"
go build -o "$bin" ./cmd/attest

echo "nproc: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$bin" vulns merge --format json="$dir/merged.json" "$dir/grype" "$dir/trivy" "$dir/inspector" 2>"$dir/time.txt" || {
	cat "$dir/time.txt" >&2
	exit 1
}
grep -E 'attest: merged|Elapsed \(wall clock\)|Maximum resident set size|User time|System time|Percent of CPU' "$dir/time.txt"
ls -l "$dir/merged.json"
