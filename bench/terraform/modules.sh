#!/usr/bin/env bash
# Compares attest with Trivy's config scanner on the terraform-aws-modules
# repositories (issue 13 item 7): one `attest scan` and, when a trivy binary
# is on PATH, one `trivy config` over the same folder in the same run. It
# prints each tool's wall time, CPU time and peak RSS, the ratio of the wall
# times, and how many distinct (rule, file, line) failures each reports.
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
# Environment: KEEP=1 keeps the temporary directory (with both JSON
# reports); BASE=REV also measures attest built at git revision REV (see
# scanbench.sh); GOMAXPROCS=2 holds attest to two cores.
set -euo pipefail

if [[ $# -ne 1 || ! -d "$1" ]]; then
	echo "usage: bench/terraform/modules.sh DIR (a folder holding terraform-aws-modules checkouts)" >&2
	exit 2
fi
dir=$(cd "$1" && pwd)

repo=$(cd "$(dirname "$0")/../.." && pwd)
label=modules
# shellcheck source=../scanbench.sh
source "$repo/bench/scanbench.sh"

# Real modules give input errors (exit 2) where attest cannot evaluate an
# expression; the rest is still scanned, and the errors are counted below.
measure_ok="0 1 2"

# Both tools run from inside DIR on ".", so that both report file paths
# relative to it and their failures can be compared.
echo "== attest scan $dir (GOMAXPROCS=${GOMAXPROCS:-all cores})"
cd "$dir"
if [[ -n "${BASE:-}" ]]; then
	measure_one "$work/attest.base" attest@base scan . --format json="$work/attest-base.json"
fi
measure_one "$work/attest" attest scan . --format json="$work/attest.json"

have_trivy=0
if command -v trivy >/dev/null 2>&1; then
	have_trivy=1
	echo "== trivy config ($(trivy --version 2>/dev/null | head -n 1))"
	code=0
	/usr/bin/time -v -o "$work/trivy.time" trivy config --quiet --format json --output "$work/trivy.json" . \
		>"$work/trivy.stdout" 2>"$work/trivy.stderr" || code=$?
	if [[ $code -ne 0 ]]; then
		echo "run.sh: trivy config exited $code:" >&2
		tail -n 20 "$work/trivy.stderr" >&2
		exit 1
	fi
	printf '%-16s wall %s  cpu %ss  peak RSS %d MiB\n' trivy \
		"$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/trivy.time")" \
		"$(cpu_of trivy)" \
		$(($(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/trivy.time") / 1024))
else
	echo "== trivy: no trivy binary on PATH; the comparison with trivy config is skipped"
fi

echo "== distinct (rule, file, line) failures"
python3 - "$work" "$have_trivy" <<'PY'
import json, os, re, sys

work, have_trivy = sys.argv[1], sys.argv[2] == "1"

def wall(name):
    """Wall seconds from a /usr/bin/time -v log ("m:ss.cc" or "h:mm:ss")."""
    text = open(os.path.join(work, name + ".time")).read()
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    secs = 0.0
    for part in m.group(1).split(":"):
        secs = secs * 60 + float(part)
    return secs

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

errors, a = attest_failures(os.path.join(work, "attest.json"))
print(f"attest: {len(a)} distinct failures in {len({f for _, f, _ in a})} files, wall {wall('attest'):.2f}s, {errors} input errors")
if os.path.exists(os.path.join(work, "attest-base.json")):
    _, b = attest_failures(os.path.join(work, "attest-base.json"))
    print(f"attest@base: {len(b)} distinct failures, wall {wall('attest@base'):.2f}s;"
          f" {len(a - b)} new, {len(b - a)} gone")
if have_trivy:
    t = trivy_failures(os.path.join(work, "trivy.json"))
    print(f"trivy:  {len(t)} distinct failures in {len({f for _, f, _ in t})} files, wall {wall('trivy'):.2f}s")
    ratio = wall("trivy") / max(wall("attest"), 0.01)
    print(f"attest is {ratio:.1f}x faster than trivy config in wall time")
PY
