#!/usr/bin/env bash
# Load benchmark of the kraken server against lua5.1 + LuaSocket + copas, in one run, on the same
# HTTP/1.1 keep-alive app (examples/http.lua and bench/server/copas_http.lua):
#   - wrk at -c100 and -c1000: requests/s, p99 latency, errors, peak RSS of the server;
#   - idle probe: 5,000 and 10,000 idle connections (accepted, still answering, RSS per connection);
#   - the harness's ceiling: bench/server/ceiling.c, a C responder that parses nothing, under the
#     same wrk runs (built with cc when one is installed): the most this machine's loopback TCP
#     and one wrk thread allow, and what fraction of it each server reaches.
# The server is pinned to CPU 0 and wrk to CPU 1 (they would otherwise fight over both cores).
#   bench/server/run.sh                 DURATION=10 and WARMUP=10 (seconds), ROUNDS=3 by default
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
duration=${DURATION:-10}
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v lua5.1 >/dev/null || need+=(lua5.1)
lua5.1 -e 'require "copas"' 2>/dev/null || need+=(lua-socket lua-copas)
if [ ${#need[@]} -gt 0 ]; then apt-get install -y "${need[@]}" >/dev/null; fi
kraken="$("$here/../publish-kraken.sh")" # Release, ReadyToRun
ulimit -n 30000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

port=18500
start_server() { # name -> sets pid and port of that server
  port=$((port + 1))
  case $1 in
    kraken) taskset -c 0 "$kraken" "$root/examples/http.lua" "$port" 2>/dev/null & pid=$! ;;
    copas) taskset -c 0 lua5.1 "$here/copas_http.lua" "$port" 2>/dev/null & pid=$! ;;
    ceiling) taskset -c 0 "$ceiling" "$port" 2>/dev/null & pid=$! ;;
  esac
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.1; done
  echo "$1 did not start" >&2; return 1
}
stop_server() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
peak_rss() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { # wrk's latency (850.00us, 1.65ms, 2.01s) in milliseconds
  awk '{v=$1; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}'
}

# Both servers run side by side, each warmed up first (kraken's JIT reaches its final code
# tier); then ROUNDS measurements alternate between them, so that both see the same noise from
# the machine, and the medians are reported.
rounds=${ROUNDS:-3}
ceiling=""
if command -v cc >/dev/null; then
  ceiling="$(mktemp -d)/ceiling"
  cc -O2 -o "$ceiling" "$here/ceiling.c" || ceiling=""
fi
printf "%-8s %6s %12s %10s %8s %12s   (median of %d rounds of %d s)\n" server conns "requests/s" "p99" errors "peak RSS" "$rounds" "$duration"
for conns in 100 1000; do
  start_server kraken; kpid=$pid; kport=$port
  start_server copas; cpid=$pid; cport=$port
  servers=(kraken copas)
  if [ -n "$ceiling" ]; then start_server ceiling; ipid=$pid; iport=$port; servers+=(ceiling); fi
  taskset -c 1 wrk -t1 -c$conns -d${WARMUP:-10}s "http://127.0.0.1:$kport/" >/dev/null 2>&1
  taskset -c 1 wrk -t1 -c$conns -d${WARMUP:-10}s "http://127.0.0.1:$cport/" >/dev/null 2>&1
  declare -A rps=() p99=() errors=()
  for ((r = 0; r < rounds; r++)); do
    for server in "${servers[@]}"; do
      case $server in kraken) sport=$kport ;; copas) sport=$cport ;; ceiling) sport=$iport ;; esac
      out=$(taskset -c 1 wrk -t1 -c$conns -d${duration}s --latency "http://127.0.0.1:$sport/" 2>&1)
      rps[$server]+="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"$'\n'
      p99[$server]+="$(echo "$out" | awk '$1 == "99%" {print $2}' | ms)"$'\n'
      e=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10} /Non-2xx/ {print $NF}' | paste -sd+ | bc 2>/dev/null || true)
      errors[$server]=$(( ${errors[$server]:-0} + ${e:-0} ))
    done
  done
  for server in "${servers[@]}"; do
    case $server in kraken) spid=$kpid ;; copas) spid=$cpid ;; ceiling) spid=$ipid ;; esac
    printf "%-8s %6s %12.0f %8.2fms %8s %9s KiB\n" $server $conns "$(printf "%s" "${rps[$server]}" | median)" \
      "$(printf "%s" "${p99[$server]}" | median)" "${errors[$server]}" "$(peak_rss $spid)"
  done
  kr=$(printf "%s" "${rps[kraken]}" | median); cr=$(printf "%s" "${rps[copas]}" | median)
  printf "kraken/copas at -c%s: %.2f\n" "$conns" "$(echo "$kr / $cr" | bc -l)"
  if [ -n "$ceiling" ]; then
    ir=$(printf "%s" "${rps[ceiling]}" | median)
    printf "share of the ceiling at -c%s: kraken %.0f%%, copas %.0f%%\n" "$conns" "$(echo "100 * $kr / $ir" | bc -l)" "$(echo "100 * $cr / $ir" | bc -l)"
    stop_server $ipid
  fi
  stop_server $kpid; stop_server $cpid
  unset rps p99 errors
done
for server in kraken copas; do
  for n in 5000 10000; do
    start_server $server
    printf "%-8s " $server
    timeout 120 python3 "$here/idle.py" "$port" "$pid" "$n" || true
    stop_server $pid
  done
done
