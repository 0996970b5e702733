#!/usr/bin/env bash
# Runs LuaSocket's own tests (the test/ folder of a lunarmodules/luasocket v3.1.0 checkout, from a
# folder you give; never copied into this repository) under lua5.1 with the reference C core and
# under kraken, and compares what they print.
#   tests/kraken/run-luasocket-tests.sh /tmp/upstream/luasocket
# 1. The single-process files (mimetest, excepttest, test_bind, test_getaddrinfo,
#    test_socket_error, stufftest, ltn12test, urltest) under `lua5.1` (Debian's lua-socket) and
#    `kraken`: their outputs must be equal (mimetest's "done in" time aside).
# 2. The testsrvr.lua / testclnt.lua pair, which needs a LuaSocket built with LUASOCKET_DEBUG:
#    the reference is that build of the checkout's src/ (made here with cc into a temp folder:
#    needs a C compiler and liblua5.1-0-dev), kraken runs with KRAKEN_LUASOCKET_DEBUG=1. Each pair
#    runs on its own free port, and the two client outputs must be equal ("done in" aside). Two
#    edits are made to a temporary copy of testclnt.lua, for both runs: connect_timeout() is left
#    out (it connects to 10.0.0.1, and tests here talk only to 127.0.0.1), and so is the check that
#    select refuses 1025 sockets (select.c's FD_SETSIZE limit; kraken's select has none).
set -uo pipefail
checkout=${1:?usage: run-luasocket-tests.sh LUASOCKET_CHECKOUT}
checkout=$(cd "$checkout" && pwd)
root="$(cd "$(dirname "$0")/../.." && pwd)"
command -v lua5.1 >/dev/null && lua5.1 -e 'require "socket.core"' 2>/dev/null ||
  { echo "needs lua5.1 and Debian's lua-socket (apt-get install lua5.1 lua-socket)" >&2; exit 1; }
dotnet build -c Release -v q "$root/src/KrakenHost" >/dev/null || exit 1
kraken="$root/src/KrakenHost/bin/Release/net10.0/kraken"
tmp="$(mktemp -d)"
trap 'pkill -f "$tmp/" 2>/dev/null; rm -rf "$tmp"' EXIT
pass=0; fail=0
verdict() { # name, reference output file, kraken output file
  if diff <(sed 's/done in .*//' "$2") <(sed 's/done in .*//' "$3") >"$tmp/diff"; then
    printf "%-22s same\n" "$1"; pass=$((pass + 1))
  else
    printf "%-22s DIFFERENT\n" "$1"; head -20 "$tmp/diff" | sed 's/^/    /'; fail=$((fail + 1))
  fi
}

cd "$checkout/test"
for name in mimetest excepttest test_bind test_getaddrinfo test_socket_error stufftest ltn12test urltest; do
  [ -f "$name.lua" ] || continue
  timeout 120 lua5.1 "$name.lua" >"$tmp/$name.ref" 2>&1 </dev/null
  timeout 120 "$kraken" "$name.lua" >"$tmp/$name.kraken" 2>&1 </dev/null
  verdict "$name" "$tmp/$name.ref" "$tmp/$name.kraken"
done

# the LUASOCKET_DEBUG reference core
mkdir -p "$tmp/debug/socket"
if ! (cd "$checkout/src" && cc -O2 -fPIC -shared -DLUASOCKET_DEBUG -I/usr/include/lua5.1 -o "$tmp/debug/socket/core.so" \
    luasocket.c timeout.c buffer.c io.c auxiliar.c compat.c options.c inet.c except.c select.c tcp.c udp.c usocket.c); then
  echo "testclnt/testsrvr: cannot build the LUASOCKET_DEBUG reference (needs cc and liblua5.1-0-dev)"; fail=$((fail + 1))
else
  sed -e 's/^connect_timeout()$/-- connect_timeout() (it connects to 10.0.0.1)/' \
      -e 's/^    if #toomany > socket._SETSIZE then$/    if false then -- kraken: no FD_SETSIZE limit/' \
      testclnt.lua >"$tmp/testclnt.lua"
  cp testsrvr.lua "$tmp/testsrvr.lua"
  free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
  pair() { # label, output file, interpreter and its arguments...
    local label=$1 out=$2; shift 2
    local port; port=$(free_port)
    (cd "$tmp" && timeout 600 "$@" -e "host='127.0.0.1' port=$port" testsrvr.lua >"$out.server" 2>&1 </dev/null) &
    local server=$!
    for _ in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break; sleep 0.1; done
    (cd "$tmp" && timeout 600 "$@" -e "host='127.0.0.1' port=$port" testclnt.lua >"$out" 2>&1 </dev/null)
    kill $server 2>/dev/null; wait $server 2>/dev/null
  }
  LUA_CPATH="$tmp/debug/?.so;;" pair reference "$tmp/testclnt.ref" lua5.1
  KRAKEN_LUASOCKET_DEBUG=1 pair kraken "$tmp/testclnt.kraken" "$kraken"
  verdict "testclnt + testsrvr" "$tmp/testclnt.ref" "$tmp/testclnt.kraken"
fi
echo "$pass same, $fail different"
[ $fail -eq 0 ]
