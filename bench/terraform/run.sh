#!/usr/bin/env bash
# Measures `attest scan` on a generated Terraform tree: wall time and peak RSS
# (maximum resident set size, from /usr/bin/time -v) for a large module tree
# and for a single-file root, and how the tree's CPU time splits into rule
# compilation, loading and evaluation:
#   compile    a one-resource root: start-up and compiling the rule library
#   tree-load  the tree with one cheap rule: compile, loading, next to no
#              evaluation
# so that loading is tree-load minus compile and evaluation is tree minus
# tree-load.
#
# Usage: bench/terraform/run.sh [RESOURCES] [ONE_FILE_RESOURCES]
#   RESOURCES           resources in the module tree (default 10000)
#   ONE_FILE_RESOURCES  resources in the single main.tf (default 500)
# Environment: SEED (default 1), KEEP=1 keeps the temporary directory,
# BASE=REV also measures attest built at git revision REV, in the same run
# (see scanbench.sh); GOMAXPROCS=2 measures on two cores.
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
(cd "$repo" && go run ./bench/terraform/gen -out "$work/tiny" -resources 1 -seed "$seed" -flat)

echo "== scan"
measure tree scan "$work/tree" --format json=/dev/null
measure one-file scan "$work/one/main.tf" --format json=/dev/null
measure compile scan "$work/tiny/main.tf" --format json=/dev/null
measure tree-load scan --rule aws-kms-key-rotation "$work/tree" --format json=/dev/null

# split NAME prints the CPU split of one binary's runs (NAME is "" or "@base").
split() {
	local b=$1
	awk -v t="$(cpu_of "tree$b")" -v l="$(cpu_of "tree-load$b")" -v c="$(cpu_of "compile$b")" -v b="${b:-current}" \
		'BEGIN { printf "cpu split (%s): compile %.2fs, load %.2fs, evaluation %.2fs of %.2fs\n", b, c, l - c, t - l, t }'
}
if [[ -n "${BASE:-}" ]]; then
	split @base
fi
split ""
