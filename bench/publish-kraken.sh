#!/usr/bin/env bash
# Publishes the kraken host as it is installed and as the benchmarks run it (docs/cli.md, "Two
# builds"): artifacts/kraken/kraken is the Native AOT build, which starts in a few milliseconds
# and runs straight-line programs itself, and artifacts/kraken/jit/kraken is the JIT build
# (Release, framework-dependent, ReadyToRun: docs/benchmarks.md, "ReadyToRun"), to which the AOT
# build hands every other program before running it. Prints the path of the front executable.
#   bench/publish-kraken.sh            -> artifacts/kraken/kraken
#   KRAKEN_BUILD=jit bench/publish-kraken.sh   -> the JIT build alone (artifacts/kraken/jit/kraken)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) rid="" ;;
esac
out="$root/artifacts/kraken"
if [ -z "$rid" ]; then # no ReadyToRun or AOT compiler for this machine: the plain build
  dotnet publish "$root/src/KrakenHost" -c Release -o "$out" -v q >/dev/null
  echo "$out/kraken"
  exit 0
fi
dotnet publish "$root/src/KrakenHost" -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -o "$out/jit" -v q >/dev/null
if [ "${KRAKEN_BUILD:-}" = jit ]; then echo "$out/jit/kraken"; exit 0; fi
dotnet publish "$root/src/KrakenHost" -c Release -r "$rid" -p:PublishAot=true -p:PackAsTool=false \
  -o "$out" -v q >/dev/null
echo "$out/kraken"
