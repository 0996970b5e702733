#!/usr/bin/env bash
# Writes the instruction listing that the reference compiler (luac5.1, Debian package lua5.1)
# produces for every golden case and every Compiler/listings/*.lua program, with addresses
# removed. CompilerListingTests compares kraken's listing with these files line by line.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v luac5.1 >/dev/null || { echo "luac5.1 is not installed: apt-get install lua5.1" >&2; exit 1; }
count=0
for src in "$here"/../cases/*.lua "$here"/listings/*.lua; do
  name=$(basename "$src" .lua)
  if luac5.1 -l -l -p "$src" >/tmp/listing.$$ 2>/dev/null; then
    grep -P '^\t\d+\t\[' /tmp/listing.$$ | sed 's/; 0x[0-9a-f]*//' >"$here/listings/$name.luac"
    count=$((count + 1))
  fi
done
rm -f /tmp/listing.$$
echo "wrote $count listings"
