#!/usr/bin/env bash
# Writes NAME.expected for each socket case given (default: all) from the reference: lua5.1 with
# Debian's lua-socket (apt-get install lua5.1 lua-socket). Never from kraken.
set -euo pipefail
cd "$(dirname "$0")"
command -v lua5.1 >/dev/null || { echo "lua5.1 is not installed" >&2; exit 1; }
lua5.1 -e 'require "socket.core"' 2>/dev/null || { echo "Debian's lua-socket is not installed" >&2; exit 1; }
names=("$@")
if [ ${#names[@]} -eq 0 ]; then for f in *.lua; do names+=("${f%.lua}"); done; fi
for name in "${names[@]}"; do
  name=${name%.lua}
  timeout 60 lua5.1 "$name.lua" > "$name.expected"
  echo "$name.expected"
done
