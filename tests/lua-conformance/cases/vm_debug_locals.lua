local a, b = 1, "x"
local function f(p)
  local q = p * 2
  print(debug.getlocal(1, 1))
  print(debug.getlocal(1, 2))
  print(debug.getlocal(2, 1))
  print(debug.getlocal(1, 5))
  return q
end
f(3)
local u = 5
local function g() return u end
print(debug.getupvalue(g, 1))
print(debug.setupvalue(g, 1, 9), g(), u)
print(debug.getupvalue(print, 1))
print(debug.setlocal(1, 1, 42), a)
local t = debug.getinfo(f, "L")
local ls = {} for l in pairs(t.activelines) do ls[#ls+1] = l end table.sort(ls) print(table.concat(ls, ","))
print(debug.getinfo(f).activelines)
-- thread environments
local co = coroutine.create(function() coroutine.yield(getfenv(0)); return loadstring("return a")() end)
local env = {a = 15}
debug.setfenv(co, env)
print(debug.getfenv(co) == env)
print(select(2, coroutine.resume(co)) == env)
print(select(2, coroutine.resume(co)))
