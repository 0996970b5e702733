#!/usr/bin/env bash
# Runs Penlight's own test files (tests/test-*.lua of a Penlight 1.13.1 checkout, unmodified,
# from a folder you give) under kraken, or under another interpreter for comparison, against
# Debian's lua-penlight (/usr/share/lua/5.1/pl), and prints a per-file table and a summary.
#   tests/kraken/run-penlight.sh /tmp/upstream/penlight                    # kraken (Release build)
#   INTERPRETER=lua5.1 tests/kraken/run-penlight.sh /tmp/upstream/penlight
#   SOURCES=1 tests/kraken/run-penlight.sh /tmp/upstream/penlight          # the checkout's lua/pl instead
# Each file runs alone from the checkout's root, as Penlight's run.lua runs them, with a time limit.
set -uo pipefail
checkout=${1:?usage: run-penlight.sh PENLIGHT_CHECKOUT}
checkout=$(cd "$checkout" && pwd)
root="$(cd "$(dirname "$0")/../.." && pwd)"
timeout_s=${TIMEOUT:-120}
if [ -z "${INTERPRETER:-}" ]; then
  dotnet build -c Release -v q "$root/src/KrakenHost" >/dev/null || exit 1
  interp=("$root/src/KrakenHost/bin/Release/net10.0/kraken")
else
  interp=($INTERPRETER)
fi
# run.lua's way of putting the checkout's modules first
if [ -n "${SOURCES:-}" ]; then interp+=(-e "package.path=[[lua/?.lua;lua/?/init.lua;]]..package.path"); fi
pass=0; fail=0
printf "%-28s %-8s %8s  %s\n" "file" "result" "seconds" "first error line"
for path in "$checkout"/tests/test-*.lua; do
  f="tests/$(basename "$path")"
  start=$(date +%s.%N)
  out=$(cd "$checkout" && timeout "$timeout_s" "${interp[@]}" "$f" 2>&1 </dev/null)
  code=$?
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  if [ $code -eq 0 ]; then result=PASS; pass=$((pass + 1)); first=""
  elif [ $code -eq 124 ]; then result=TIMEOUT; fail=$((fail + 1)); first=""
  else result=FAIL; fail=$((fail + 1)); first=$(echo "$out" | grep -m1 -iE "error|expected|failed|:[0-9]+:" | cut -c1-100); fi
  printf "%-28s %-8s %8.2f  %s\n" "$f" "$result" "$secs" "$first"
done
echo "$pass passed, $fail failed"
