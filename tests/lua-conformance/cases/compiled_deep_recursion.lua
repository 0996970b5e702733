-- Recursion deeper than the compiled direct calls go (200 levels on the .NET stack), with errors
-- raised and caught at depth, and a coroutine yielding from deep inside compiled recursion.
local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
local t = 0
for i = 1, 200 do t = t + sum(i * 3) end
print(t)
local function fail(n) if n == 0 then error("bottom") end return 1 + fail(n - 1) end
for _, depth in ipairs({10, 199, 200, 201, 450}) do
  local ok, err = pcall(fail, depth)
  print(depth, ok, (string.gsub(err, "^.-:%d+: ", "")))
end
local function deepyield(n) if n == 0 then return coroutine.yield("deep") end return deepyield(n - 1) + 1 end
for _, depth in ipairs({50, 250}) do
  for i = 1, 30 do
    local co = coroutine.wrap(function() return deepyield(depth) end)
    local v = co()
    local r = co(1)
    if i == 30 then print(depth, v, r) end
  end
end
local function inf(n) return 1 + inf(n + 1) end
local ok, err = pcall(inf, 1)
print(ok, (string.gsub(err, "^.-:%d+: ", "")))
