# scanbench.sh is sourced by the scan benchmarks (bench/terraform/run.sh,
# bench/docker/run.sh): it makes the work directory ($work, removed on exit
# unless KEEP=1), builds attest into it and defines measure.
# The sourcing script sets repo (the repository root) and label first.

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

# measure NAME ARGS... runs attest with ARGS under /usr/bin/time -v and prints
# the wall time, CPU time (it varies less than wall time on a shared machine)
# and peak RSS. Exit 1 (findings over the threshold) is the expected outcome on
# generated trees; anything else is an error.
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
	printf '%-12s exit %d  wall %s  cpu %ss user + %ss sys  peak RSS %d MiB (%s kB)\n' \
		"$name" "$code" "$wall" "$user" "$sys" $((rss / 1024)) "$rss"
}
