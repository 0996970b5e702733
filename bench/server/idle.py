#!/usr/bin/env python3
"""Idle-connection probe: opens N connections to a server and keeps them open, then checks that
a new client still gets an answer promptly, and reports the server's memory per connection.
usage: idle.py PORT SERVER_PID N"""
import resource, socket, sys, time

port, pid, count = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 1000), hard))

def rss_kib():
    try:
        f = open(f"/proc/{pid}/status")
    except FileNotFoundError:
        print(f"idle {count}: the server died ({len(held) if 'held' in globals() else 0} connections open)")
        sys.exit(1)
    with f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0

def request():
    start = time.time()
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    s.close()
    return data.startswith(b"HTTP/1.1 200"), (time.time() - start) * 1000

# warm up: a server that has served traffic (its hot Lua functions compiled, the .NET JIT done)
warm = socket.create_connection(("127.0.0.1", port), timeout=10)
for _ in range(3000):
    warm.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    if not warm.recv(4096).startswith(b"HTTP/1.1 200"):
        break
warm.close()
request()
time.sleep(1)
before = rss_kib()
held, failed = [], 0
for i in range(count):
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        held.append(s)
    except OSError:
        failed += 1
time.sleep(2)
# the server must have accepted them all: each answers one request and stays open
ok_count = 0
for s in held[:: max(1, count // 200)]:  # sample 200 of them
    try:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        if s.recv(4096).startswith(b"HTTP/1.1 200"):
            ok_count += 1
    except OSError:
        pass
sampled = len(held[:: max(1, count // 200)])
after = rss_kib()
ok, ms = request()
print(f"idle {count}: opened {len(held)}, failed {failed}, sampled {ok_count}/{sampled} answered, "
      f"new request {'ok' if ok else 'FAILED'} in {ms:.1f} ms, RSS {before} -> {after} KiB, "
      f"{(after - before) * 1024 / max(1, len(held)):.0f} B per connection")
for s in held:
    s.close()
