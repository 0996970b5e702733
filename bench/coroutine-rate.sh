#!/usr/bin/env bash
# Coroutine resume/yield round trips per second, kraken against lua5.1 (issue 4: at least as
# many as lua5.1). Each interpreter runs bench/coroutines.lua for SMALL and for LARGE round trips,
# RUNS times each, alternating; the medians give
#   - the rate once running: (LARGE - SMALL) / (t_large - t_small), process start-up and the
#     first SMALL round trips (kraken's warm-up, while the .NET JIT is still at work) taken out
#     of both interpreters' figures alike;
#   - the whole-run rate: LARGE / t_large, start-up and warm-up included.
#   bench/coroutine-rate.sh                 # SMALL=1000000 LARGE=20000000 RUNS=5
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
small=${SMALL:-1000000}
large=${LARGE:-20000000}
runs=${RUNS:-5}
command -v lua5.1 >/dev/null || { echo "lua5.1 is not installed: apt-get install lua5.1" >&2; exit 1; }
kraken="$("$here/publish-kraken.sh")" # Release, ReadyToRun
prog="$here/coroutines.lua"

seconds() { # command... -> wall seconds of one run (output checked against lua5.1's)
  local start end out
  start=$(date +%s%N)
  out=$("$@")
  end=$(date +%s%N)
  echo "$out" >>"$outputs"
  echo "scale=6; ($end - $start) / 1000000000" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

outputs=$(mktemp)
declare -A times=()
for ((r = 0; r < runs; r++)); do
  for n in "$small" "$large"; do
    times[kraken,$n]+="$(seconds "$kraken" "$prog" "$n")"$'\n'
    times[lua5.1,$n]+="$(seconds lua5.1 "$prog" "$n")"$'\n'
  done
done
if [ "$(sort -u "$outputs" | wc -l)" -ne 2 ]; then echo "OUTPUT MISMATCH between kraken and lua5.1" >&2; sort -u "$outputs" >&2; exit 1; fi
rm -f "$outputs"

printf "%-8s %12s %12s %22s %22s\n" "" "${small} s" "${large} s" "round trips/s running" "round trips/s whole run"
declare -A rate=() whole=()
for i in kraken lua5.1; do
  ts=$(printf "%s" "${times[$i,$small]}" | median)
  tl=$(printf "%s" "${times[$i,$large]}" | median)
  rate[$i]=$(echo "($large - $small) / ($tl - $ts)" | bc -l)
  whole[$i]=$(echo "$large / $tl" | bc -l)
  printf "%-8s %12.3f %12.3f %22.0f %22.0f\n" "$i" "$ts" "$tl" "${rate[$i]}" "${whole[$i]}"
done
printf "kraken/lua5.1 round trips per second: running %.2f, whole run %.2f (above 1: kraken does more)\n" \
  "$(echo "${rate[kraken]} / ${rate[lua5.1]}" | bc -l)" "$(echo "${whole[kraken]} / ${whole[lua5.1]}" | bc -l)"
printf "per round trip, running: kraken %.1f ns, lua5.1 %.1f ns\n" \
  "$(echo "1000000000 / ${rate[kraken]}" | bc -l)" "$(echo "1000000000 / ${rate[lua5.1]}" | bc -l)"
