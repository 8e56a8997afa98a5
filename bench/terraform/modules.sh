#!/usr/bin/env bash
# Compares attest with Trivy's config scanner on the terraform-aws-modules
# repositories (issue 13 item 7): the wall time of `attest scan` and, when a
# trivy binary is on PATH, of `trivy config` over the same folder, and how
# many distinct (rule, file, line) failures each reports.
#
# Method (as hyperfine and careful benchmarks do it):
#   1. one untimed warm-up run of each tool, so that neither pays for a cold
#      start the other does not (attest's freshly built binary and the
#      corpus files in the page cache; Trivy's check cache);
#   2. RUNS timed runs of each tool (default 3), interleaved: attest, trivy,
#      trivy, attest, attest, trivy ... (each round starts one tool further
#      along), so that a change in the shared machine's load falls on both
#      tools alike and neither always runs right after the other;
#   3. every run is printed (wall, CPU and peak RSS from /usr/bin/time), then
#      the median wall time of each tool; the speed ratio is trivy's median
#      over attest's median;
#   4. the distinct failures are counted from the last timed run of each.
#
# Usage: bench/terraform/modules.sh DIR
#   DIR holds checkouts of the modules, one folder each. Get them with
#
#     for m in alb eks iam lambda rds s3-bucket security-group vpc; do
#       git clone --depth 1 https://github.com/terraform-aws-modules/terraform-aws-$m DIR/terraform-aws-$m
#     done
#
#   (any folder names will do: both tools scan all of DIR). Nothing from
#   these repositories belongs in attest's own tree. Trivy builds from the
#   Go module proxy on Go 1.26 with
#
#     GOEXPERIMENT=jsonv2 GOBIN=DIR2 go install github.com/aquasecurity/trivy/cmd/trivy@v0.74.0
#
#   and, with no network, scans with the checks built into it.
# Environment: RUNS=N timed runs per tool (default 3); KEEP=1 keeps the
# temporary directory (with the JSON reports of the last runs); BASE=REV
# also measures attest built at git revision REV (see scanbench.sh), as a
# third tool in the same interleaving; GOMAXPROCS=2 holds both tools (both
# are Go programs) to two cores.
set -euo pipefail

if [[ $# -ne 1 || ! -d "$1" ]]; then
	echo "usage: bench/terraform/modules.sh DIR (a folder holding terraform-aws-modules checkouts)" >&2
	exit 2
fi
dir=$(cd "$1" && pwd)
runs=${RUNS:-3}
if [[ ! "$runs" =~ ^[1-9][0-9]*$ ]]; then
	echo "modules.sh: RUNS must be a positive number, not $runs" >&2
	exit 2
fi

repo=$(cd "$(dirname "$0")/../.." && pwd)
label=modules
# shellcheck source=../scanbench.sh
source "$repo/bench/scanbench.sh"

# The tools, in the order of each round. Both run from inside DIR on ".",
# so that both report file paths relative to it and their failures can be
# compared.
tools=()
if [[ -n "${BASE:-}" ]]; then
	tools+=(attest@base)
fi
tools+=(attest)
if command -v trivy >/dev/null 2>&1; then
	tools+=(trivy)
fi

# command_of TOOL OUT sets cmd to the command line of TOOL writing its JSON
# report to OUT.
command_of() {
	case $1 in
	attest@base) cmd=("$work/attest.base" scan . --format json="$2") ;;
	attest) cmd=("$work/attest" scan . --format json="$2") ;;
	trivy) cmd=(trivy config --quiet --format json --output "$2" .) ;;
	esac
}

# timed TOOL RUN runs TOOL once under /usr/bin/time and prints one line.
# Real modules give attest input errors (exit 2) where it cannot evaluate
# an expression; the rest is still scanned, so 0, 1 and 2 are all results.
# Trivy exits 0 whatever it finds. Any other exit ends the benchmark.
timed() {
	local tool=$1 run=$2 code=0
	command_of "$tool" "$work/$tool.json"
	/usr/bin/time -f '%e %U %S %M' -o "$work/$tool.$run.time" "${cmd[@]}" \
		>"$work/$tool.stdout" 2>"$work/$tool.stderr" || code=$?
	local ok="0 1 2"
	[[ $tool == trivy ]] && ok="0"
	if [[ " $ok " != *" $code "* ]]; then
		echo "modules.sh: ${cmd[*]} exited $code:" >&2
		tail -n 20 "$work/$tool.stderr" >&2
		exit 1
	fi
	local wall user sys rss
	read -r wall user sys rss < <(tail -n 1 "$work/$tool.$run.time")
	printf '%-6s %-12s exit %d  wall %6.2f s  cpu %6.2f s (%.2f user + %.2f sys)  peak RSS %5d MiB\n' \
		"$run" "$tool" "$code" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$user" "$sys" $((rss / 1024))
	if [[ $run != warmup ]]; then
		echo "$wall" >>"$work/$tool.walls"
	fi
}

cd "$dir"
echo "== method: one untimed warm-up run of each tool, then $runs timed runs of each, interleaved (${tools[*]}); the ratio is of the median wall times"
echo "== corpus $dir; GOMAXPROCS=${GOMAXPROCS:-all cores}"
if command -v trivy >/dev/null 2>&1; then
	echo "== trivy: $(trivy --version 2>/dev/null | head -n 1) at $(command -v trivy)"
else
	echo "== trivy: no trivy binary on PATH; the comparison with trivy config is skipped"
fi
for tool in "${tools[@]}"; do
	timed "$tool" warmup
done
# Each round starts one tool further along, so that no tool always runs
# right after another (a run after Trivy's, which frees about 1 GB, pays
# more for fresh memory on some virtual machines).
for run in $(seq 1 "$runs"); do
	for k in $(seq 0 $((${#tools[@]} - 1))); do
		timed "${tools[$(((run - 1 + k) % ${#tools[@]}))]}" "run$run"
	done
done

echo "== median wall time of $runs timed runs"
python3 - "$work" "${tools[@]}" <<'PY'
import json, os, statistics, sys

work, tools = sys.argv[1], sys.argv[2:]

def median_wall(tool):
    return statistics.median(float(x) for x in open(os.path.join(work, tool + ".walls")))

def attest_failures(path):
    r = json.load(open(path))
    errors = sum(1 for d in r.get("diagnostics") or [] if d.get("severity") == "error")
    return errors, {(f["rule_id"], os.path.normpath(f["range"]["file"]), f["range"].get("start_line", 0))
                    for f in r["findings"] if f["status"] == "fail"}

def trivy_failures(path):
    r = json.load(open(path))
    out = set()
    for res in r.get("Results") or []:
        for m in res.get("Misconfigurations") or []:
            if m.get("Status", "FAIL") != "FAIL":
                continue
            line = (m.get("CauseMetadata") or {}).get("StartLine", 0)
            out.add((m.get("AVDID") or m.get("ID"), os.path.normpath(res["Target"]), line))
    return out

medians = {t: median_wall(t) for t in tools}
for t in tools:
    print(f"{t:<12} median wall {medians[t]:.2f} s")

print("== distinct (rule, file, line) failures (last timed run of each)")
errors, a = attest_failures(os.path.join(work, "attest.json"))
print(f"attest:      {len(a)} distinct failures in {len({f for _, f, _ in a})} files, {errors} input errors")
if "attest@base" in tools:
    _, b = attest_failures(os.path.join(work, "attest@base.json"))
    print(f"attest@base: {len(b)} distinct failures; {len(a - b)} new, {len(b - a)} gone")
    print(f"attest is {medians['attest@base'] / max(medians['attest'], 0.01):.2f}x as fast as attest@base (median wall)")
if "trivy" in tools:
    t = trivy_failures(os.path.join(work, "trivy.json"))
    print(f"trivy:       {len(t)} distinct failures in {len({f for _, f, _ in t})} files")
    ratio = medians["trivy"] / max(medians["attest"], 0.01)
    print(f"attest is {ratio:.1f}x faster than trivy config in median wall time ({len(a)} failures to {len(t)})")
PY
