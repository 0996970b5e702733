local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 3))
local function hanoi(n, a, b, c, moves)
  if n == 0 then return moves end
  moves = hanoi(n - 1, a, c, b, moves)
  moves = moves + 1
  return hanoi(n - 1, c, b, a, moves)
end
print(hanoi(10, "a", "b", "c", 0))
local memo = {}
local function fib(n) if n < 3 then return 1 end if memo[n] then return memo[n] end local v = fib(n - 1) + fib(n - 2); memo[n] = v; return v end
print(fib(80))
