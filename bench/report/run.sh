#!/bin/sh
# run.sh measures `attest report` for a 12-month period: it seeds a SQLite
# database with a year of daily scans holding FINDINGS findings in all
# (default 10,000; bench/report/gen), then times the report in every format
# but pdf (and pdf too with PDF=1), each under /usr/bin/time -v. The
# baseline, measured in the same run, is the same report of an empty
# database (the catalogs, the detections and the rendering alone).
#
#   bench/report/run.sh [FINDINGS] [DIR]
#
# DIR (default a temporary directory) keeps the database between runs; it is
# seeded only when DIR/attest.db is missing.
set -eu

n=${1:-10000}
dir=${2:-}
cd "$(dirname "$0")/../.."

if [ -z "$dir" ]; then
	dir=$(mktemp -d)
	trap 'rm -rf "$dir"' EXIT
fi
if [ ! -f "$dir/attest.db" ]; then
	go run ./bench/report/gen -db "$dir/attest.db" -findings "$n" -end 2026-11-30
	go run ./bench/report/gen -db "$dir/empty.db" -findings 0 -days 0 -end 2026-11-30 >/dev/null
fi
ls -l "$dir/attest.db"
bin="$dir/attest"
go build -o "$bin" ./cmd/attest

formats="markdown html csv oscal"
[ "${PDF:-}" = 1 ] && formats="$formats pdf"
echo "nproc: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for db in empty.db attest.db; do
	for f in $formats; do
		/usr/bin/time -v "$bin" report --framework pci-dss-4.0 --from 2025-12-01 --to 2026-11-30 --db "$dir/$db" \
			--format "$f" --output "$dir/report.$f" 2>"$dir/time.txt" || { cat "$dir/time.txt" >&2; exit 1; }
		printf '%-9s %-7s wall %s  max RSS %s KiB  output %s bytes\n' "$db" "$f" \
			"$(grep 'Elapsed (wall clock)' "$dir/time.txt" | sed 's/.*: //')" \
			"$(grep 'Maximum resident set size' "$dir/time.txt" | sed 's/.*: //')" \
			"$(wc -c <"$dir/report.$f")"
	done
done
