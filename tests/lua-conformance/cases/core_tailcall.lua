local function loop(n) if n == 0 then return "done" end return loop(n - 1) end
print(loop(1000000))
local function a(n) if n == 0 then return "a" end return b(n - 1) end
function b(n) if n == 0 then return "b" end return a(n - 1) end
print(a(100001))
local function ret(...) return ... end
local function tail(...) return ret(...) end
print(tail(1, 2, 3))
