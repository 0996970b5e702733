-- varargs forwarded through yield and resume unchanged
local function pass(...) return ... end
local co = coroutine.wrap(function(...)
  local args = {n = select("#", ...), ...}
  while true do
    args = {n = 0}
    local r = {coroutine.yield(pass(unpack(args, 1, args.n)))}
    args = r
  end
end)
local function count(...) return select("#", ...), ... end
print(count(co(1, 2, 3)))
local gen = coroutine.wrap(function(...)
  local n = select("#", ...)
  local t = {...}
  for i = 1, n do coroutine.yield(i, t[i]) end
  return "total", n
end)
print(gen(10, nil, 30, nil))
print(gen())
print(gen())
print(gen())
print(gen())
local echo = coroutine.wrap(function(...)
  local args = {...}
  local n = select("#", ...)
  while true do
    local new = {coroutine.yield(n, unpack(args, 1, n))}
    n = #new
    args = new
  end
end)
print(echo("a", "b"))
print(echo())
print(echo(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
