#!/bin/sh
# A longer run of the streaming consistency harness (docs/testing-streaming.md): many seeds,
# many iterations each. Usage: tools/consistency/long_run.sh [rounds] [iterations] [first_seed]
# Stops at the first failing round; its output says how to reproduce the mismatch.
set -e
rounds=${1:-20}
iterations=${2:-25}
seed=${3:-$(date +%s)}
bin=${RUNNEL_CONSISTENCY:-build/release/tools/consistency/runnel-consistency}
i=0
while [ "$i" -lt "$rounds" ]; do
  echo "round $i: seed $seed"
  "$bin" --seed "$seed" --iterations "$iterations" | tail -n 40
  seed=$((seed + iterations))
  i=$((i + 1))
done
