#!/usr/bin/env bash
# Load benchmark of the kraken server against lua5.1 + LuaSocket + copas, in one run, on the same
# HTTP/1.1 keep-alive app (examples/http.lua and bench/server/copas_http.lua):
#   - wrk at -c100 and -c1000 (one request at a time per connection), and at -c100 pipelined
#     (bench/server/pipeline.lua: 16 requests per write): requests/s, p99 latency, errors, peak
#     RSS of the server, and the server's CPU time per request: utime+stime of its process
#     (/proc/PID/stat) over each measured wrk run, divided by the requests wrk completed;
#   - idle probe: 5,000 and 10,000 idle connections (accepted, still answering, RSS per connection);
#   - two reference servers under the same wrk runs: the harness's ceiling, bench/server/ceiling.c,
#     a C responder that parses nothing but request ends (built with cc when one is installed):
#     the most this machine's loopback TCP and one wrk thread allow, and what fraction of it each
#     server reaches; and nginx with one worker process (its config generated into a temp dir),
#     a production C server doing the same job.
# Each server is pinned to CPU 0 and wrk to CPU 1 (they would otherwise fight over both cores).
#   bench/server/run.sh          DURATION=10 and WARMUP=10 (seconds), ROUNDS=3 by default
#   CONNS="100 1000"             the plain loads (connections); PIPELINED="100" the pipelined ones
#   SKIP_IDLE=1                  skips the idle probe; SERVERS="kraken copas ceiling nginx"
#   APP=redis                    the Redis benchmark instead: bench/server/redis_app.lua, where every
#                                request is answered with one Redis GET made through Debian's redis.lua
#                                (kraken: redis_get.lua; lua5.1 + copas: copas_redis_get.lua), against a
#                                redis-server started here (own temp dir, pinned to CPU 1 with wrk);
#                                kraken and copas only, -c100 plain by default, no idle probe
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
duration=${DURATION:-10}
warmup=${WARMUP:-10}
rounds=${ROUNDS:-3}
app=${APP:-hello}
case $app in
  hello) servers=(${SERVERS:-kraken copas ceiling nginx}) ;;
  redis) servers=(${SERVERS:-kraken copas}); CONNS=${CONNS-100}; PIPELINED=${PIPELINED-}; SKIP_IDLE=1 ;;
  *) echo "APP is hello or redis" >&2; exit 2 ;;
esac
want() { [[ " ${servers[*]} " == *" $1 "* ]]; }
need=()
command -v wrk >/dev/null || need+=(wrk)
command -v lua5.1 >/dev/null || need+=(lua5.1)
lua5.1 -e 'require "copas"' 2>/dev/null || need+=(lua-socket lua-copas)
if want nginx && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then need+=(nginx); fi
if [ "$app" = redis ]; then
  command -v redis-server >/dev/null || need+=(redis-server)
  lua5.1 -e 'require "redis"' 2>/dev/null || need+=(lua-redis)
fi
if [ ${#need[@]} -gt 0 ]; then apt-get install -y "${need[@]}" >/dev/null; fi
nginx="$(command -v nginx || echo /usr/sbin/nginx)"
kraken="$("$here/../publish-kraken.sh")" # Release, ReadyToRun
ulimit -n 30000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
tmp="$(mktemp -d)"
started=() # the servers' processes: stopped on the way out, even after a failure
trap 'for p in "${started[@]}"; do kill "$p" 2>/dev/null || true; done; wait; rm -rf "$tmp"' EXIT
ceiling=""
if want ceiling && command -v cc >/dev/null; then
  cc -O2 -o "$tmp/ceiling" "$here/ceiling.c" && ceiling="$tmp/ceiling"
fi
without() { local kept=() s; for s in "${servers[@]}"; do [ "$s" = "$1" ] || kept+=("$s"); done; servers=("${kept[@]}"); }
[ -n "$ceiling" ] || without ceiling
[ -x "$nginx" ] || without nginx

nginx_conf() { # port -> a directory with nginx.conf: one worker process, the response of examples/http.lua
  local dir="$tmp/nginx-$1"
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log;
worker_rlimit_nofile 30000;
events { worker_connections 20000; }
http {
  access_log off;
  server_tokens off;
  keepalive_requests 1000000000;
  keepalive_timeout 75s;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  server {
    listen 127.0.0.1:$1 backlog=4096;
    location / {
      default_type text/plain;
      return 200 "Hello, world!\n";
    }
  }
}
EOF
  echo "$dir"
}

port=18500
redis_port=""
if [ "$app" = redis ]; then # one redis-server for every round, on the load generator's core
  redis_port=18499
  mkdir -p "$tmp/redis"
  taskset -c 1 redis-server --port $redis_port --bind 127.0.0.1 --dir "$tmp/redis" --save "" --appendonly no \
    --maxclients 20000 >"$tmp/redis/log" 2>&1 & started+=($!)
  for _ in $(seq 50); do
    if lua5.1 -e "local s = require('socket').connect('127.0.0.1', $redis_port); os.exit(s and 0 or 1)" 2>/dev/null; then break; fi
    sleep 0.1
  done
fi
declare -A spids=() sports=()
start_server() { # name -> sets pid (the process to stop) and port; spids[name]: the processes whose CPU counts
  port=$((port + 1))
  case $1 in
    kraken) if [ "$app" = redis ]; then taskset -c 0 "$kraken" "$here/redis_get.lua" "$port" "$redis_port" 2>/dev/null & pid=$!
      else taskset -c 0 "$kraken" "$root/examples/http.lua" "$port" 2>/dev/null & pid=$!; fi ;;
    copas) if [ "$app" = redis ]; then taskset -c 0 lua5.1 "$here/copas_redis_get.lua" "$port" "$redis_port" 2>/dev/null & pid=$!
      else taskset -c 0 lua5.1 "$here/copas_http.lua" "$port" 2>/dev/null & pid=$!; fi ;;
    ceiling) taskset -c 0 "$ceiling" "$port" 2>/dev/null & pid=$! ;;
    nginx)
      local dir; dir="$(nginx_conf $port)"
      taskset -c 0 "$nginx" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" 2>/dev/null & pid=$! ;;
  esac
  started+=($pid)
  sports[$1]=$port
  for _ in $(seq 50); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
      spids[$1]="$pid $(pgrep -P $pid | tr "\n" " " || true)" # nginx: the master and its worker
      return 0
    fi
    sleep 0.1
  done
  echo "$1 did not start" >&2; return 1
}
stop_server() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
peak_rss() { local t=0 p; for p in "$@"; do t=$((t + $(awk '/VmHWM/ {print $2}' "/proc/$p/status"))); done; echo $t; }
cpu_ticks() { # utime + stime of the given processes (all their threads), in clock ticks: fields 14 and 15 of /proc/PID/stat
  local t=0 p; for p in "$@"; do t=$((t + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}'))); done; echo $t
}
cpu0_busy() { awk '$1 == "cpu0" {print $2 + $3 + $4 + $7 + $8}' /proc/stat; } # user nice system irq softirq
hz=$(getconf CLK_TCK)
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms() { # wrk's latency (850.00us, 1.65ms, 2.01s) in milliseconds
  awk '{v=$1; if (v ~ /us$/) {sub("us","",v); v/=1000} else if (v ~ /ms$/) {sub("ms","",v)} else if (v ~ /s$/) {sub("s","",v); v*=1000}; print v}'
}

# For each load, all servers run side by side, each warmed up first under that load (kraken's
# JIT reaches its final code tier); then ROUNDS measurements alternate between them, so that all
# see the same noise from the machine, and the medians are reported.
#   CPU/request: the server's utime+stime over the measured wrk run (in clock ticks; the total is
#     the scheduler's exact run time of the process's threads, including the softirq work done in
#     its context, and another process's work does not count) divided by the requests wrk
#     completed (for pipelined loads, every response it parsed);
#     Other processes on the server's core still slow it down (shared caches, switches: +40% was
#     seen on this 2-core machine), which only ever raises the figure: (min) is the lowest round;
#   CPU: the share of its core the server used; others: the share of CPU 0 that something else
#     used meanwhile (from /proc/stat, sampled at each tick: 0% +- a few on a quiet machine).
# For pipelined loads wrk's latency is that of a batch of 16 requests.
loads=()
for c in ${CONNS-100 1000}; do loads+=("plain:$c"); done
for c in ${PIPELINED-100}; do loads+=("pipelined:$c"); done
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-8s %6s %-9s %11s %10s %7s %11s %9s %5s %6s %10s   (median of %d rounds of %d s)\n" \
  server conns mode "requests/s" p99 errors "CPU/request" "(min)" CPU others "peak RSS" "$rounds" "$duration"
declare -A summary=()
for spec in "${loads[@]}"; do
  mode=${spec%%:*} conns=${spec##*:}
  script=()
  if [ "$mode" = pipelined ]; then script=(-s "$here/pipeline.lua"); fi
  declare -A pids=()
  for server in "${servers[@]}"; do start_server $server; pids[$server]=$pid; done
  for server in kraken copas; do
    if want $server; then
      taskset -c 1 wrk -t1 -c$conns -d${warmup}s "${script[@]}" "http://127.0.0.1:${sports[$server]}/" >/dev/null 2>&1
    fi
  done
  declare -A rps=() p99=() errors=() cpu=() share=() others=()
  for ((r = 0; r < rounds; r++)); do
    for server in "${servers[@]}"; do
      before=$(cpu_ticks ${spids[$server]}) busy=$(cpu0_busy) t0=$(date +%s%N)
      out=$(taskset -c 1 wrk -t1 -c$conns -d${duration}s --latency "${script[@]}" "http://127.0.0.1:${sports[$server]}/" 2>&1)
      t1=$(date +%s%N) used=$(( $(cpu_ticks ${spids[$server]}) - before )) busy=$(( $(cpu0_busy) - busy ))
      completed=$(echo "$out" | awk '/requests in/ {print $1}')
      rps[$server]+="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"$'\n'
      p99[$server]+="$(echo "$out" | awk '$1 == "99%" {print $2}' | ms)"$'\n'
      cpu[$server]+="$(echo "$used * 1000000 / $hz / ${completed:-1}" | bc -l)"$'\n'
      share[$server]+="$(echo "100 * $used / $hz * 1000000000 / ($t1 - $t0)" | bc -l)"$'\n'
      others[$server]+="$(echo "x = 100 * ($busy - $used) / $hz * 1000000000 / ($t1 - $t0); if (x < 0) x = 0; x" | bc -l)"$'\n'
      e=$(echo "$out" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10} /Non-2xx/ {print $NF}' | paste -sd+ | bc 2>/dev/null || true)
      errors[$server]=$(( ${errors[$server]:-0} + ${e:-0} ))
    done
  done
  for server in "${servers[@]}"; do
    m_rps=$(printf "%s" "${rps[$server]}" | median) m_cpu=$(printf "%s" "${cpu[$server]}" | median)
    min_cpu=$(printf "%s" "${cpu[$server]}" | sort -g | head -1)
    summary[$server]="$m_rps $m_cpu $min_cpu"
    printf "%-8s %6s %-9s %11.0f %8.2fms %7s %9.2fus %7.2fus %4.0f%% %5.0f%% %6s KiB\n" $server $conns $mode "$m_rps" \
      "$(printf "%s" "${p99[$server]}" | median)" "${errors[$server]}" "$m_cpu" "$min_cpu" \
      "$(printf "%s" "${share[$server]}" | median)" "$(printf "%s" "${others[$server]}" | median)" "$(peak_rss ${spids[$server]})"
  done
  if want kraken && want copas; then
    read -r kr kc kmin <<<"${summary[kraken]}"
    read -r cr cc_ cmin <<<"${summary[copas]}"
    printf "kraken/copas, %s -c%s: requests/s %.2f, CPU per request %.2f (of the minimums %.2f)\n" $mode $conns \
      "$(echo "$kr / $cr" | bc -l)" "$(echo "$kc / $cc_" | bc -l)" "$(echo "$kmin / $cmin" | bc -l)"
    if want ceiling; then
      read -r ir _ <<<"${summary[ceiling]}"
      printf "share of the ceiling, %s -c%s: kraken %.0f%%, copas %.0f%%\n" $mode $conns \
        "$(echo "100 * $kr / $ir" | bc -l)" "$(echo "100 * $cr / $ir" | bc -l)"
    fi
  fi
  for server in "${servers[@]}"; do stop_server ${pids[$server]}; done
  unset rps p99 errors cpu share others pids summary
  declare -A summary=()
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${SKIP_IDLE:-}" ]; then exit 0; fi
for server in kraken copas; do
  for n in 5000 10000; do
    start_server $server
    printf "%-8s " $server
    timeout 120 python3 "$here/idle.py" "$port" "$pid" "$n" || true
    stop_server $pid
  done
done
