#!/usr/bin/env bash
# Publishes the kraken host as the benchmarks run it: Release, framework-dependent, ReadyToRun
# (its own and LuaVm's code precompiled, so that start-up and the first second of a script do
# not wait for the JIT; docs/benchmarks.md, "ReadyToRun"). Prints the path of the executable.
#   bench/publish-kraken.sh            -> artifacts/kraken/kraken
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) rid="" ;;
esac
out="$root/artifacts/kraken"
if [ -n "$rid" ]; then
  dotnet publish "$root/src/KrakenHost" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun=true -o "$out" -v q >/dev/null
else # no ReadyToRun compiler for this machine: the plain build
  dotnet publish "$root/src/KrakenHost" -c Release -o "$out" -v q >/dev/null
fi
echo "$out/kraken"
