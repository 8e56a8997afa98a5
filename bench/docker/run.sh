#!/usr/bin/env bash
# Measures `attest scan` on a generated tree of Dockerfiles: wall time, CPU
# time and peak RSS (from /usr/bin/time -v). Issue 12 asks for 2,000
# CloudFormation templates and 2,000 Dockerfiles in under 3 s on 2 cores;
# this script covers the Dockerfile half.
#
# Usage: bench/docker/run.sh [N]
#   N  number of Dockerfiles (default 2000)
# Environment: SEED (default 1), KEEP=1 keeps the temporary directory.
set -euo pipefail

n=${1:-2000}
seed=${SEED:-1}

repo=$(cd "$(dirname "$0")/../.." && pwd)
label=docker
# shellcheck source=../scanbench.sh
source "$repo/bench/scanbench.sh"

echo "== generate $n Dockerfiles (seed $seed)"
(cd "$repo" && go run ./bench/docker/gen -out "$work/tree" -n "$n" -seed "$seed")

echo "== scan (GOMAXPROCS=${GOMAXPROCS:-all cores})"
measure dockerfiles scan "$work/tree" --format json="$work/report.json"
python3 - "$work/report.json" <<'PY' 2>/dev/null || true
import json, sys
r = json.load(open(sys.argv[1]))
s = r["summary"]
print(f"resources {s.get('resources')}, findings {len(r['findings'])}, errors {s.get('errors', 0)}")
PY
