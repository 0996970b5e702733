-- unbounded Lua recursion is caught by pcall and the state stays usable
local depth = 0
local function rec() depth = depth + 1; return 1 + rec() end
local ok, e = pcall(rec)
print(ok, e)
print(depth > 1000)
depth = 0
local function rec2(a, b, c) depth = depth + 1; local x = {a, b, c}; return rec2(x, a, b) + 1 end
ok, e = pcall(rec2, 1, 2, 3)
print(ok, e)
local co = coroutine.create(function() return rec() end)
local okc, ec = coroutine.resume(co)
print(okc, ec, coroutine.status(co))
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
print(sum(5000))
