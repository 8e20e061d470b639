#!/usr/bin/env bash
# Score matching on unequal mixture weights, ebm4j against the PyTorch reference on the same CSV files (README, "Against
# the PyTorch reference"). Needs the built distribution and Debian's python3-torch on OpenBLAS.
#   benchmarks/mixture5/run.sh [SEEDS...]      (default 0 1 2 3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
/usr/bin/python3 generate.py
"$root/distribution/target/ebm4j/bin/ebm" sweep sweep.conf --workers 2 --out "$here/target/ebm4j"
for s in "${@:-0 1 2 3}"; do
  for seed in $s; do
    /usr/bin/python3 "$root/benchmarks/torch/quality.py" --csv "$here/mix5" --only ssm,exact-sm --seed "$seed" --threads 1 | head -2
  done
done
