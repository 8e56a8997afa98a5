#!/usr/bin/env bash
# Measures `attest scan` on a generated tree of Kubernetes configuration:
# wall time, CPU time and peak RSS (from /usr/bin/time -v). Issue 11 item 7
# asks for 5,000 manifests, Helm-rendered ones included, in under 3 s on 2
# cores, with the Helm render time reported on its own.
#
# Runs, each a separate attest process:
#   all        the whole tree (plain manifests and the chart), every rule
#   plain      the plain manifests alone, every rule
#   helm       the chart alone, every rule
#   helm-load  the chart alone with one cheap rule: Helm render and loading,
#              with next to no rule evaluation
#   trivy      `trivy config` over the same tree, when a trivy binary is on
#              PATH (otherwise the script says so and skips it)
#
# Usage: bench/kubernetes/run.sh [N [HELM]]
#   N     objects in all (default 5000)
#   HELM  how many of them the Helm chart renders (default 1000)
# Environment: SEED (default 1), KEEP=1 keeps the temporary directory;
# GOMAXPROCS=2 measures on two cores.
set -euo pipefail

n=${1:-5000}
helm=${2:-1000}
seed=${SEED:-1}

repo=$(cd "$(dirname "$0")/../.." && pwd)
label=kubernetes
# shellcheck source=../scanbench.sh
source "$repo/bench/scanbench.sh"

echo "== generate $n objects, $helm of them from a Helm chart (seed $seed)"
(cd "$repo" && go run ./bench/kubernetes/gen -out "$work/tree" -n "$n" -helm "$helm" -seed "$seed")

echo "== scan (GOMAXPROCS=${GOMAXPROCS:-all cores})"
measure all scan "$work/tree" --format json="$work/report.json"
measure plain scan "$work/tree/manifests"
measure helm scan "$work/tree/chart"
measure helm-load scan --rule k8s-namespace-pss-privileged "$work/tree/chart"
python3 - "$work/report.json" <<'PY' 2>/dev/null || true
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
print(f"resources {s.get('resources')}, findings {len(r['findings'])}, errors {s.get('errors', 0)}")
PY

if command -v trivy >/dev/null 2>&1; then
	echo "== trivy config ($(trivy --version 2>/dev/null | head -n 1))"
	log="$work/trivy.time"
	/usr/bin/time -v -o "$log" trivy config --quiet --format json --output "$work/trivy.json" "$work/tree" || true
	printf '%-12s wall %s  cpu %ss user + %ss sys\n' trivy \
		"$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")" \
		"$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$log")" \
		"$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$log")"
else
	echo "== trivy: no trivy binary on PATH; the comparison with trivy config is skipped"
fi
