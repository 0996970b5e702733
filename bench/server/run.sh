#!/usr/bin/env bash
# Load benchmark of the kraken server against lua5.1 + LuaSocket + copas, in one run, on the same
# HTTP/1.1 keep-alive app (examples/http.lua and bench/server/copas_http.lua):
#   - wrk at -c100 and -c1000: requests/s, p99 latency, errors, peak RSS of the server;
#   - idle probe: 5,000 and 10,000 idle connections (accepted, still answering, RSS per connection).
# The server is pinned to CPU 0 and wrk to CPU 1 (they would otherwise fight over both cores).
#   bench/server/run.sh                 DURATION=10 and WARMUP=10 (seconds) by default
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
duration=${DURATION:-10}
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v lua5.1 >/dev/null || need+=(lua5.1)
lua5.1 -e 'require "copas"' 2>/dev/null || need+=(lua-socket lua-copas)
if [ ${#need[@]} -gt 0 ]; then apt-get install -y "${need[@]}" >/dev/null; fi
dotnet build -c Release -v q "$root/src/KrakenHost" >/dev/null
kraken="$root/src/KrakenHost/bin/Release/net10.0/kraken"
ulimit -n 30000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

port=18500
start_server() { # name -> sets pid
  port=$((port + 1))
  case $1 in
    kraken) taskset -c 0 "$kraken" "$root/examples/http.lua" "$port" 2>/dev/null & pid=$! ;;
    copas) taskset -c 0 lua5.1 "$here/copas_http.lua" "$port" 2>/dev/null & pid=$! ;;
  esac
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && return 0; sleep 0.1; done
  echo "$1 did not start" >&2; return 1
}
stop_server() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
peak_rss() { awk '/VmHWM/ {print $2}' "/proc/$pid/status"; }

printf "%-8s %6s %12s %10s %8s %12s\n" server conns "requests/s" "p99" errors "peak RSS"
for conns in 100 1000; do
  for server in kraken copas; do
    start_server $server
    # a server runs for long: warm up first (kraken's JIT reaches its final code tier), then measure
    taskset -c 1 wrk -t1 -c$conns -d${WARMUP:-10}s "http://127.0.0.1:$port/" >/dev/null 2>&1
    out=$(taskset -c 1 wrk -t1 -c$conns -d${duration}s --latency "http://127.0.0.1:$port/" 2>&1)
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
    errors=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10} /Non-2xx/ {print $NF}' | paste -sd+ | bc 2>/dev/null || true)
    printf "%-8s %6s %12s %10s %8s %9s KiB\n" $server $conns "$rps" "$p99" "${errors:-0}" "$(peak_rss)"
    stop_server
  done
done
for server in kraken copas; do
  for n in 5000 10000; do
    start_server $server
    printf "%-8s " $server
    timeout 120 python3 "$here/idle.py" "$port" "$pid" "$n" || true
    stop_server
  done
done
