local function f (x)
  if x then
    print(debug.getinfo(1, "S").what)
    local tail = debug.getinfo(2)
    print(pcall(getfenv, 3))
    print(tail.what, tail.short_src, tail.linedefined, tail.func, tail.currentline)
    print(debug.getinfo(3, "f").func == g1, getfenv(3) == _G, debug.getinfo(4, "S").what)
    print(debug.traceback("tb", 2))
  end
end
function g(x) return f(x) end
function g1(x) g(x) end
local function h (x) local f=g1; return f(x) end
h(true)
local lim = 300
local function foo (x)
  if x==0 then
    print(debug.getinfo(lim+2).what)
    for i=2,lim do assert(debug.getinfo(i, "S").what == "tail") end
    print(debug.traceback())
  else return foo(x-1)
  end
end
foo(lim)
