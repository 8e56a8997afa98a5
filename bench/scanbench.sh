# scanbench.sh is sourced by the scan benchmarks (bench/terraform/run.sh,
# bench/docker/run.sh): it makes the work directory ($work, removed on exit
# unless KEEP=1), builds attest into it and defines measure.
# The sourcing script sets repo (the repository root) and label first.
#
# With BASE set to a git revision (BASE=main, BASE=HEAD~1), attest is also
# built from that revision and measure runs both binaries, interleaved, on
# the same tree in the same run: a shared machine's load changes from one
# run to the next, so a before/after comparison is only fair side by side.
# The baseline's lines are labelled NAME@base. RUNS=N sets the number of
# timed runs of each binary (default 3; see measure).

work=$(mktemp -d "${TMPDIR:-/tmp}/attest-bench-$label.XXXXXX")
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

if [[ -n "${BASE:-}" ]]; then
	echo "== build attest at $BASE (baseline)"
	mkdir -p "$work/base-src"
	if ! (git -C "$repo" archive "$BASE" | tar -x -C "$work/base-src") ||
		! (cd "$work/base-src" && go build -o "$work/attest.base" ./cmd/attest); then
		echo "run.sh: the baseline $BASE does not build" >&2
		exit 2
	fi
fi

# measure NAME ARGS... runs attest (and the baseline, when BASE is set)
# with ARGS as careful benchmarks do: one untimed warm-up run of each binary
# (a freshly built binary and files not yet in the page cache would
# otherwise make the first run slower than any user's), then RUNS (default
# 3) timed runs of each, interleaved, each round starting with the other
# binary, then the median wall time of each. Every run is printed (see
# measure_one); NAME.time holds the last run's figures (cpu_of).
measure() {
	local name=$1
	shift
	local bins=("$work/attest") names=("$name")
	if [[ -n "${BASE:-}" ]]; then
		bins=("$work/attest.base" "${bins[@]}")
		names=("$name@base" "${names[@]}")
	fi
	local n=${#bins[@]} k r i
	for ((k = 0; k < n; k++)); do
		measure_one "${bins[k]}" "${names[k]}.warm-up" "$@"
		rm -f "$work/${names[k]}.walls"
	done
	for ((r = 0; r < ${RUNS:-3}; r++)); do
		for ((k = 0; k < n; k++)); do
			i=$(((r + k) % n))
			measure_one "${bins[i]}" "${names[i]}" "$@"
			sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/${names[i]}.time" |
				awk -F: '{ s = 0; for (j = 1; j <= NF; j++) s = s * 60 + $j; print s }' >>"$work/${names[i]}.walls"
		done
	done
	for ((k = 0; k < n; k++)); do
		sort -n "$work/${names[k]}.walls" | awk -v name="${names[k]}" \
			'{ w[NR] = $1 } END { m = NR % 2 ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2; printf "%-16s median wall %.2f s of %d timed runs\n", name, m, NR }'
	done
}

# measure_one BINARY NAME ARGS... runs attest with ARGS under /usr/bin/time -v and prints
# the wall time, CPU time (it varies less than wall time on a shared machine)
# and peak RSS. Exit 1 (findings over the threshold) is the expected outcome on
# generated trees; any exit code not in measure_ok (default "0 1") is an
# error.
measure_one() {
	local bin=$1 name=$2
	shift 2
	local log="$work/$name.time"
	local code=0
	/usr/bin/time -v -o "$log" "$bin" "$@" >"$work/$name.stdout" 2>"$work/$name.stderr" || code=$?
	if [[ " ${measure_ok:-0 1} " != *" $code "* ]]; then
		echo "run.sh: attest $* exited $code:" >&2
		tail -n 20 "$work/$name.stderr" >&2
		exit 1
	fi
	local wall rss user sys
	wall=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
	rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$log")
	user=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$log")
	sys=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$log")
	printf '%-16s exit %d  wall %s  cpu %ss user + %ss sys  peak RSS %d MiB (%s kB)\n' \
		"$name" "$code" "$wall" "$user" "$sys" $((rss / 1024)) "$rss"
}

# cpu_of NAME prints the CPU time (user + system seconds) of a measured run.
cpu_of() {
	awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$work/$1.time"
}
