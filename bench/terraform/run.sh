#!/usr/bin/env bash
# Measures `attest scan` on a generated Terraform tree: wall time and peak RSS
# (maximum resident set size, from /usr/bin/time -v) for a large module tree
# and for a single-file root.
#
# Usage: bench/terraform/run.sh [RESOURCES] [ONE_FILE_RESOURCES]
#   RESOURCES           resources in the module tree (default 10000)
#   ONE_FILE_RESOURCES  resources in the single main.tf (default 500)
# Environment: SEED (default 1), KEEP=1 keeps the temporary directory.
set -euo pipefail

resources=${1:-10000}
one_file=${2:-500}
seed=${SEED:-1}

repo=$(cd "$(dirname "$0")/../.." && pwd)
label=terraform
# shellcheck source=../scanbench.sh
source "$repo/bench/scanbench.sh"

if ! "$work/attest" scan --help >/dev/null 2>&1; then
	echo "run.sh: this attest binary has no 'scan' command" >&2
	exit 2
fi

echo "== generate trees (seed $seed)"
(cd "$repo" && go run ./bench/terraform/gen -out "$work/tree" -resources "$resources" -seed "$seed")
(cd "$repo" && go run ./bench/terraform/gen -out "$work/one" -resources "$one_file" -seed "$seed" -flat)

echo "== scan"
measure tree scan "$work/tree" --format json=/dev/null
measure one-file scan "$work/one/main.tf" --format json=/dev/null
