#!/usr/bin/env bash
# Times each bench/*.lua program under kraken and lua5.1 (and luajit -joff when installed),
# alternating interpreters in one run, checks that their outputs are identical, and prints the
# median time of each, the ratio kraken/lua5.1 and the geometric mean of the ratios, then the
# peak resident memory (RSS, largest of the runs) of kraken and lua5.1 and their ratio.
#   bench/run.sh            # every program, 3 runs each
#   bench/run.sh fib        # one program
#   RUNS=5 bench/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/.."
runs=${RUNS:-3}
command -v lua5.1 >/dev/null || { echo "lua5.1 is not installed: apt-get install lua5.1" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed: apt-get install time" >&2; exit 1; }
kraken=("$("$here/publish-kraken.sh")") # Release, ReadyToRun
interpreters=("kraken" "lua5.1")
command -v luajit >/dev/null && interpreters+=("luajit")

run_one() { # interpreter program -> prints "seconds peak-KiB"; output to $out
  local interp=$1 prog=$2 stats
  stats=$(mktemp)
  case $interp in
    kraken) /usr/bin/time -f "%e %M" -o "$stats" "${kraken[@]}" "$prog" >"$out" 2>&1 ;;
    lua5.1) /usr/bin/time -f "%e %M" -o "$stats" lua5.1 "$prog" >"$out" 2>&1 ;;
    luajit) /usr/bin/time -f "%e %M" -o "$stats" luajit -joff "$prog" >"$out" 2>&1 ;;
  esac
  tail -1 "$stats"; rm -f "$stats"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

if [ $# -gt 0 ]; then programs=("$@"); else programs=(); for f in "$here"/*.lua; do programs+=("$(basename "$f" .lua)"); done; fi
printf "%-16s" "program"; for i in "${interpreters[@]}"; do printf "%12s" "$i"; done; printf "%14s%11s%11s%8s\n" "kraken/lua5.1" "kraken MB" "lua5.1 MB" "ratio"
logsum=0; count=0
for name in "${programs[@]}"; do
  prog="$here/$name.lua"
  declare -A times=() peaks=()
  for i in "${interpreters[@]}"; do times[$i]=""; peaks[$i]=0; done
  reference=""
  for ((r = 0; r < runs; r++)); do
    for i in "${interpreters[@]}"; do
      out=$(mktemp)
      read -r t kib < <(run_one "$i" "$prog")
      times[$i]+="$t"$'\n'
      ((kib > peaks[$i])) && peaks[$i]=$kib
      if [ "$i" != "luajit" ]; then
        if [ -z "$reference" ]; then reference=$(cat "$out"); elif [ "$(cat "$out")" != "$reference" ]; then
          echo "OUTPUT MISMATCH for $name under $i" >&2; diff <(echo "$reference") "$out" | head -5 >&2; fi
      fi
      rm -f "$out"
    done
  done
  printf "%-16s" "$name"
  declare -A med=()
  for i in "${interpreters[@]}"; do med[$i]=$(printf "%s" "${times[$i]}" | median); printf "%11.3fs" "${med[$i]}"; done
  ratio=$(echo "${med[kraken]} / ${med[lua5.1]}" | bc -l)
  printf "%14.2f%11.1f%11.1f%8.2f\n" "$ratio" "$(echo "${peaks[kraken]} / 1024" | bc -l)" \
    "$(echo "${peaks[lua5.1]} / 1024" | bc -l)" "$(echo "${peaks[kraken]} / ${peaks[lua5.1]}" | bc -l)"
  logsum=$(echo "$logsum + l($ratio)" | bc -l); count=$((count + 1))
  unset times med peaks
done
printf "geometric mean of kraken/lua5.1: %.2f\n" "$(echo "e($logsum / $count)" | bc -l)"
# start-up on its own line (its ratio would swamp the mean): `-e ''`, median of 5 runs each
startup() { for _ in 1 2 3 4 5; do s=$(date +%s.%N); "$@" -e '' >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; done | median; }
printf "startup (-e ''): kraken %.3fs, lua5.1 %.3fs\n" "$(startup "${kraken[@]}")" "$(startup lua5.1)"
