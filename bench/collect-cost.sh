#!/usr/bin/env bash
# Issue 21's collector target: collectgarbage("collect"), ("step") and ("count") at most 10 times
# lua5.1's cost on a small heap. Runs bench/collect/cost.lua under kraken and lua5.1, alternating,
# RUNS times each, and prints the median microseconds per call of each and their ratio.
#   bench/collect-cost.sh            # RUNS=5
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runs=${RUNS:-5}
command -v lua5.1 >/dev/null || { echo "lua5.1 is not installed: apt-get install lua5.1" >&2; exit 1; }
kraken="$("$here/publish-kraken.sh")"
prog="$here/collect/cost.lua"
declare -A samples=()
for ((r = 0; r < runs; r++)); do
  for i in kraken lua5.1; do
    if [ "$i" = kraken ]; then out=$("$kraken" "$prog"); else out=$(lua5.1 "$prog"); fi
    while read -r what us; do samples[$i.$what]+="$us"$'\n'; done <<<"$out"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
printf "%-8s %12s %12s %8s\n" "call" "kraken us" "lua5.1 us" "ratio"
for what in collect step count; do
  k=$(printf "%s" "${samples[kraken.$what]}" | median)
  l=$(printf "%s" "${samples[lua5.1.$what]}" | median)
  printf "%-8s %12.3f %12.3f %8.1f\n" "$what" "$k" "$l" "$(echo "$k / $l" | bc -l)"
done
