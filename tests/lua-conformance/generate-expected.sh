#!/usr/bin/env bash
# Regenerates the expected outputs of the golden cases by running the reference interpreter.
#   tests/lua-conformance/generate-expected.sh            # every case
#   tests/lua-conformance/generate-expected.sh core_for   # only the named cases
# For each cases/NAME.lua it writes NAME.stdout, and when lua5.1 exits non-zero NAME.stderr and
# NAME.exitcode. Expected outputs must come from lua5.1, never from kraken (except ext_* cases).
set -euo pipefail
cd "$(dirname "$0")/cases"
if ! command -v lua5.1 >/dev/null 2>&1; then
  echo "lua5.1 is not installed: apt-get install lua5.1" >&2
  exit 1
fi
# ext_*.lua cases test Kraken's extensions beyond 5.1 (where lua5.1 errors): their expected
# outputs are written by hand and never regenerated.
if [ $# -gt 0 ]; then names=("$@"); else names=(); for f in *.lua; do case $f in ext_*) continue ;; esac; names+=("${f%.lua}"); done; fi
for name in "${names[@]}"; do
  name=${name%.lua}
  set +e
  timeout 60 lua5.1 "$name.lua" </dev/null >"$name.stdout" 2>"$name.stderr"
  code=$?
  set -e
  if [ "$code" -eq 0 ]; then
    rm -f "$name.stderr" "$name.exitcode"
  else
    echo "$code" >"$name.exitcode"
  fi
done
echo "generated expected outputs for ${#names[@]} cases"
