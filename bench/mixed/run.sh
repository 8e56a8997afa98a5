#!/usr/bin/env bash
# Measures `attest scan` on the mixed tree of issue 12's speed target:
# 2,000 CloudFormation templates and 2,000 Dockerfiles (by default), which
# should scan in under 3 s on 2 cores. Prints wall time, CPU time and peak
# RSS (from /usr/bin/time -v) for the whole tree and for each half.
#
# Usage: bench/mixed/run.sh [TEMPLATES] [DOCKERFILES]
# Environment: SEED (default 1), KEEP=1 keeps the temporary directory;
# run it as GOMAXPROCS=2 bench/mixed/run.sh to hold attest to 2 cores.
set -euo pipefail

templates=${1:-2000}
dockerfiles=${2:-2000}
seed=${SEED:-1}

repo=$(cd "$(dirname "$0")/../.." && pwd)
label=mixed
# shellcheck source=../scanbench.sh
source "$repo/bench/scanbench.sh"

echo "== generate $templates templates and $dockerfiles Dockerfiles (seed $seed)"
(cd "$repo" && go run ./bench/mixed/gen -out "$work/tree" -templates "$templates" -dockerfiles "$dockerfiles" -seed "$seed")

echo "== scan (GOMAXPROCS=${GOMAXPROCS:-all cores})"
measure mixed scan "$work/tree" --format json="$work/report.json"
measure cfn-only scan "$work/tree/infra" --format json=/dev/null
measure docker-only scan "$work/tree/services" --format json=/dev/null
python3 - "$work/report.json" <<'PY' 2>/dev/null || true
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
print(f"resources {s.get('resources')}, findings {len(r['findings'])}, errors {s.get('errors', 0)}")
PY
