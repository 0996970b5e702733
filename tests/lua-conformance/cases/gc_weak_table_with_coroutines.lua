-- coroutines and closures as weak keys and values
local function count(t) local n = 0 for _ in pairs(t) do n = n + 1 end return n end
local wk = setmetatable({}, {__mode = "k"})
local alive = coroutine.create(function() coroutine.yield() end)
coroutine.resume(alive)
local function fill()
  for i = 1, 5 do wk[coroutine.create(function() end)] = i end
  for i = 1, 5 do
    local co = coroutine.create(function() coroutine.yield() end)
    coroutine.resume(co)
    wk[co] = "suspended"
  end
  wk[alive] = "alive"
end
fill()
collectgarbage()
print(count(wk), wk[alive])
local wv = setmetatable({}, {__mode = "v"})
local function closures()
  local shared = {}
  for i = 1, 5 do wv[i] = function() return shared end end
end
closures()
local keepfn = function() end
wv.keep = keepfn
collectgarbage()
print(count(wv), wv.keep == keepfn)
